/**
 * Event versions and upcasts (DESIGN §2d, §3): each rule with a model that triggers it, on the
 * exact token, and a properly versioned model that must stay clean.
 */
import * as assert from 'node:assert/strict';
import { IssueCodes, type IssueCode } from '../../../src/language/validation/issue-codes.js';
import { clearWorkspace, codeOf, listDiagnostics, messageOf, textAt, validate } from '../language-test-kit.js';

const account = (members: string) => `context Banking
enum Currency { EUR, USD }
aggregate BankAccount {
  id accountId: uuid
  command OpenAccount { customerId: uuid, currency: Currency, emits AccountOpened }
${members}
}
`;

const VERSION_2 = '  event AccountOpened version 2 { customerId: uuid, currency: Currency, overdraftLimit: decimal, note?: string }';

async function only(text: string, code: IssueCode) {
    const result = await validate(text);
    const found = result.diagnostics.filter(diagnostic => codeOf(diagnostic) === code);
    assert.equal(found.length, 1, listDiagnostics(result.diagnostics));
    return { text: textAt(result, found[0]), message: messageOf(found[0]) };
}

describe('event evolution rules', () => {
    afterEach(clearWorkspace);

    it('accepts version 3 with an upcast from 1 and from 2, fields carried over and mapped', async () => {
        const result = await validate(account(`  event AccountOpened version 3 { customerId: uuid, currency: Currency, overdraftLimit: decimal, active: boolean }
  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } { overdraftLimit: 0 }
  upcast AccountOpened from 2 { customerId: uuid, currency: Currency, overdraftLimit: decimal } { active: true }`));
        const evolutionCodes = new Set<string>([IssueCodes.MissingUpcast, IssueCodes.UpcastWithoutVersion, IssueCodes.UpcastFromInvalidVersion,
            IssueCodes.DuplicateUpcast, IssueCodes.UpcastMapsUnknownField, IssueCodes.UpcastIncomplete, IssueCodes.UpcastNotDeterministic]);
        assert.deepEqual(result.diagnostics.filter(diagnostic => evolutionCodes.has(codeOf(diagnostic) ?? '')), [], listDiagnostics(result.diagnostics));
    });

    it('types an upcast\'s mapping against the version it produces, not the newest', async () => {
        // Version 2 held the limit as text; `from 1` builds version 2, so its limit is a string there.
        const result = await validate(account(`  event AccountOpened version 3 { customerId: uuid, currency: Currency, limit: decimal }
  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } { limit: 5 }
  upcast AccountOpened from 2 { customerId: uuid, currency: Currency, limit: string } { limit: 0 }`));
        assert.deepEqual(result.diagnostics.map(diagnostic => [textAt(result, diagnostic), messageOf(diagnostic)]),
            [['5', 'Expected a string here, but this is an int: write a value of type string.']]);
    });

    it('asks for the upcast of every older version, on the version number', async () => {
        const found = await only(account('  event AccountOpened version 3 { customerId: uuid, currency: Currency }\n  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } {}'), IssueCodes.MissingUpcast);
        assert.deepEqual(found, {
            text: '3',
            message: 'AccountOpened is version 3, but nothing turns its stored version 2 into 3: add `upcast AccountOpened from 2 { …its fields in version 2… } { …values for the fields version 3 adds… }` beside it.'
        });
    });

    it('refuses an upcast of an event without a version, on the event name', async () => {
        const found = await only(account('  event AccountOpened { customerId: uuid, currency: Currency }\n  upcast AccountOpened from 1 { customerId: uuid } {}'), IssueCodes.UpcastWithoutVersion);
        assert.deepEqual(found, { text: 'AccountOpened', message: 'Event AccountOpened has no version, so there is nothing to upcast to: give it `version 2` (the shape this upcast produces), or remove the upcast.' });
    });

    it('refuses an upcast from the current version or later, and a second upcast from the same version', async () => {
        const later = await only(account(`${VERSION_2}\n  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } { overdraftLimit: 0 }\n  upcast AccountOpened from 2 { customerId: uuid } {}`), IssueCodes.UpcastFromInvalidVersion);
        assert.deepEqual(later, { text: '2', message: 'AccountOpened is version 2: an upcast starts from an older version, 1 to 1, not 2.' });
        const twice = await only(account(`${VERSION_2}\n  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } { overdraftLimit: 0 }\n  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } { overdraftLimit: 1 }`), IssueCodes.DuplicateUpcast);
        assert.deepEqual(twice, { text: '1', message: 'AccountOpened already has an upcast from version 1: keep one.' });
    });

    it('says which required fields of the next version the upcast leaves without a value, and why', async () => {
        const found = await only(account(`${VERSION_2}\n  upcast AccountOpened from 1 { customerId: string, currency?: Currency } {}`), IssueCodes.UpcastIncomplete);
        assert.deepEqual(found, {
            text: 'AccountOpened',
            message: 'This upcast does not produce version 2 of AccountOpened: customerId (it changes from string to uuid); currency (it is optional in the old shape; map it with `??`); overdraftLimit (the old shape lacks it). Map them in its second block, for example `{ customerId: …, currency: …, overdraftLimit: 0 }`.'
        });
    });

    it('refuses now and newId in an upcast, on the expression', async () => {
        const found = await only(account(`${VERSION_2}\n  upcast AccountOpened from 1 { customerId: uuid, currency: Currency } { overdraftLimit: 0, note: newId }`), IssueCodes.UpcastNotDeterministic);
        assert.equal(found.text, 'newId');
        assert.match(found.message, /^An upcast must give the same result every time it reads a stored event: `newId` differs on every read\./);
    });
});
