/**
 * The services run in Langium's production mode, which skips chevrotain's grammar self-checks at
 * every start (see eventloom-module.ts). Whoever changes the grammar still gets them here: the
 * parser and the lexer built in development mode report no grammar problem (an error throws, an
 * ambiguity met while parsing is printed) on any template.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmptyFileSystem, inject, type LangiumCoreServices, type Module } from 'langium';
import { createDefaultCoreModule, createDefaultSharedCoreModule } from 'langium';
import { EventloomGeneratedModule, EventloomGeneratedSharedModule, EventloomLanguageMetaData } from '../../../src/language/generated/module.js';
import { createEventloomCoreServices, EventloomModule, EventloomSharedModule } from '../../../src/language/eventloom-module.js';
import { REPO_ROOT } from '../../kit/paths.js';

function loomFilesUnder(folder: string): string[] {
    return readdirSync(folder, { recursive: true }).map(String).filter(name => name.endsWith('.loom')).sort().map(name => join(folder, name));
}

describe('the grammar\'s self-checks (chevrotain, development mode)', function () {
    this.timeout(60_000);

    it('are skipped by the services the CLI and the server use', () => {
        assert.equal(createEventloomCoreServices(EmptyFileSystem).Eventloom.LanguageMetaData.mode, 'production');
    });

    it('find no problem in the grammar', () => {
        const development: Module<LangiumCoreServices, Partial<LangiumCoreServices>> = {
            LanguageMetaData: () => ({ ...EventloomLanguageMetaData, mode: 'development' })
        };
        const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), EventloomGeneratedSharedModule, EventloomSharedModule);
        const services = inject(createDefaultCoreModule({ shared }), EventloomGeneratedModule, EventloomModule, development);
        shared.ServiceRegistry.register(services);
        const warnings: string[] = [];
        const warn = console.warn;
        const log = console.log;
        console.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
        console.log = (...args: unknown[]) => { warnings.push(args.join(' ')); };
        try {
            assert.equal(services.LanguageMetaData.mode, 'development');
            void services.parser.Lexer;
            const parser = services.parser.LangiumParser;
            // Ambiguities are found (and printed) while parsing: parse every template.
            for (const file of loomFilesUnder(join(REPO_ROOT, 'templates'))) {
                assert.deepEqual(parser.parse(readFileSync(file, 'utf8')).parserErrors, [], file);
            }
        } finally {
            console.warn = warn;
            console.log = log;
        }
        assert.deepEqual(warnings, []);
    });
});
