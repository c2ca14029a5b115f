/**
 * The Test Explorer's tree, from what the language server lists for a real model: files, then the
 * aggregate or read model, then the scenarios with their ranges; ids that survive edits.
 */
import * as assert from 'node:assert/strict';
import { EmptyFileSystem } from 'langium';
import { createEventloomServices } from '../../src/language/eventloom-module.js';
import { listScenarios } from '../../src/server/scenario-handlers.js';
import { fileNodeOf, scenarioId } from '../../src/extension/scenarios/scenario-tree.js';
import { HAND_WRITTEN_BANK, PROJECTION_SCENARIO } from '../kit/hand-written-bank.js';

const BANK = HAND_WRITTEN_BANK + PROJECTION_SCENARIO;
import { buildWorkspace } from '../kit/workspace.js';

async function listed(files: Record<string, string>) {
    const { shared } = createEventloomServices(EmptyFileSystem);
    await shared.workspace.WorkspaceManager.initializeWorkspace([]);
    await buildWorkspace(files, { shared, folder: '/workspace' });
    return listScenarios(shared);
}

describe('the Test Explorer tree of scenarios', () => {
    it('groups a file\'s scenarios by aggregate and read model, then the context, keeping the file\'s order', async () => {
        const [bank] = await listed({
            'banking.loom': `${BANK}\nscenario "says nothing yet" {\n  given AccountOpened { owner: "Bo" }\n}\n`
        });
        const node = fileNodeOf(bank, 'models/banking.loom');
        assert.ok(node);
        const shape = (n: typeof node): unknown => ({ id: n.id, label: n.label, description: n.description, line: n.range?.start.line, children: n.children.map(shape) });
        const lines = BANK.split('\n');
        const uri = 'file:///workspace/banking.loom';
        assert.deepEqual(shape(node), {
            id: uri, label: 'models/banking.loom', description: undefined, line: undefined, children: [
                { id: `${uri}#Banking/aggregate:BankAccount`, label: 'BankAccount', description: 'Banking aggregate', line: undefined, children: [
                    { id: scenarioId(uri, 'Banking', 'an account opens'), label: 'an account opens', description: undefined, line: lines.indexOf('scenario "an account opens" {'), children: [] },
                    { id: scenarioId(uri, 'Banking', 'cannot overdraw'), label: 'cannot overdraw', description: undefined, line: lines.indexOf('scenario "cannot overdraw" {'), children: [] }
                ] },
                { id: `${uri}#Banking/readModel:Balance`, label: 'Balance', description: 'Banking read model', line: undefined, children: [
                    { id: scenarioId(uri, 'Banking', 'withdrawals lower the balance'), label: 'withdrawals lower the balance', description: undefined, line: lines.indexOf('scenario "withdrawals lower the balance" {'), children: [] }
                ] },
                { id: `${uri}#Banking`, label: 'Banking', description: 'context', line: undefined, children: [
                    { id: scenarioId(uri, 'Banking', 'says nothing yet'), label: 'says nothing yet', description: undefined, line: lines.length, children: [] }
                ] }
            ]
        });
    });

    it('lists no file without scenarios; a scenario keeps its id when lines move above it', async () => {
        const [empty] = await listed({ 'empty.loom': 'context Empty\n' });
        assert.equal(fileNodeOf(empty, 'empty.loom'), undefined);
        const ids = async (text: string) => fileNodeOf((await listed({ 'banking.loom': text }))[0], 'banking.loom')!.children.flatMap(group => group.children.map(child => child.id));
        assert.deepEqual(await ids(`// a comment\n\n${BANK}`), await ids(BANK));
    });
});
