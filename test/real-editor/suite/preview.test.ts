/**
 * The flow preview in a real extension host: the panel opens beside the editor, the graph makes
 * the round trip extension → webview → "rendered", it follows edits (keeping the last valid
 * diagram while the text has errors), a node reveals its declaration, the cursor highlights a node.
 * The panel's state is read, and webview messages are injected, through internal commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, openFixture, positionOf, replaceText, waitFor } from './helpers.js';

interface PreviewSnapshot {
    filter: { context?: string; aggregate?: string };
    mode: 'flow' | 'board';
    renderedMode?: 'flow' | 'board';
    renderedStepping?: string;
    renderedNodeIds: string[];
    renderCount: number;
    stale: boolean;
    highlighted?: string;
    requestedAspect?: number;
}

const snapshot = () => vscode.commands.executeCommand<PreviewSnapshot | undefined>('_eventloom.preview.snapshot');
const send = (message: unknown) => vscode.commands.executeCommand<string | undefined>('_eventloom.preview.receive', message);

/** Waits for a render after `after` renders that satisfies `check`. */
async function rendered(check: (s: PreviewSnapshot) => boolean, after = 0, what = 'the preview to render'): Promise<PreviewSnapshot> {
    let last: PreviewSnapshot | undefined;
    return waitFor(async () => {
        last = await snapshot();
        return last && last.renderCount > after && check(last) ? last : undefined;
    }, () => `${what}; last snapshot: ${JSON.stringify(last)}`, 20_000);
}

const BANKING_NODES = [
    'aggregate:Banking.BankAccount', 'command:Banking.OpenAccount', 'command:Banking.Withdraw',
    'event:Banking.AccountOpened', 'event:Banking.MoneyWithdrawn', 'readModel:Banking.AccountSummary'
];

async function revertDirty(): Promise<void> {
    for (const document of vscode.workspace.textDocuments.filter(candidate => candidate.isDirty)) {
        await vscode.window.showTextDocument(document);
        await vscode.commands.executeCommand('workbench.action.files.revert');
    }
}

describe('Flow preview', () => {
    let editor: vscode.TextEditor;

    before(async () => {
        await activateExtension();
        editor = await openFixture('banking.loom');
        await vscode.commands.executeCommand('eventloom.openPreview');
    });
    afterEach(revertDirty);
    after(closeAllEditors);

    it('opens beside the editor and draws the workspace\'s flow (the graph\'s round trip through the webview)', async () => {
        const first = await rendered(s => BANKING_NODES.every(id => s.renderedNodeIds.includes(id)));
        // The fixture workspace also holds Reporting, which consumes Banking's events.
        assert.ok(first.renderedNodeIds.includes('readModel:Reporting.Withdrawals'), first.renderedNodeIds.join(', '));
        const tab = vscode.window.tabGroups.all.flatMap(group => group.tabs)
            .find(candidate => candidate.input instanceof vscode.TabInputWebview && candidate.input.viewType.endsWith('eventloom.flowPreview'));
        assert.ok(tab, 'a flow preview tab is open');
        assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview opens beside the editor');
    });

    it('filters by context, then keeps the last valid diagram while the text has errors', async () => {
        const before = (await snapshot())!.renderCount;
        await send({ type: 'setFilter', filter: { context: 'Banking' } });
        const banking = await rendered(s => s.filter.context === 'Banking' && !s.renderedNodeIds.some(id => id.includes('Reporting.')), before, 'the Banking view');
        assert.deepEqual([...banking.renderedNodeIds].sort(), [...BANKING_NODES].sort());
        assert.equal(banking.stale, false);

        editor = await vscode.window.showTextDocument(editor.document);
        await replaceText(editor, '  command Withdraw {', '  command Withdraw {{');
        const stale = await rendered(s => s.stale, banking.renderCount, 'a render marked stale');
        assert.deepEqual(stale.renderedNodeIds, banking.renderedNodeIds, 'the last valid diagram stays');

        await replaceText(editor, '  command Withdraw {{', '  command Withdraw {');
        await rendered(s => !s.stale, stale.renderCount, 'a fresh render once the error is fixed');
    });

    it('updates while typing: a new command and event appear as nodes', async () => {
        const before = (await snapshot())!.renderCount;
        editor = await vscode.window.showTextDocument(editor.document);
        await replaceText(editor, '  event AccountOpened {', '  command CloseAccount { emits AccountClosed }\n  event AccountClosed {}\n  event AccountOpened {');
        const after = await rendered(s => s.renderedNodeIds.includes('command:Banking.CloseAccount') && s.renderedNodeIds.includes('event:Banking.AccountClosed'),
            before, 'the new command and event');
        assert.equal(after.stale, false);
    });

    it('click on a node reveals its declaration in the editor', async () => {
        // Right after the previous test's edit was reverted: the reveal must use the current text.
        await rendered(s => s.renderedNodeIds.includes('event:Banking.MoneyWithdrawn'));
        const revealed = await send({ type: 'reveal', nodeId: 'event:Banking.MoneyWithdrawn' });
        assert.equal(revealed, editor.document.uri.toString());
        const active = vscode.window.activeTextEditor;
        assert.ok(active, 'an editor is active');
        assert.equal(active.document.uri.toString(), editor.document.uri.toString());
        assert.equal(active.document.getText(active.selection), 'MoneyWithdrawn');
        assert.deepEqual(active.selection.start, positionOf(active.document, 'event MoneyWithdrawn', 'event '.length));
    });

    it('the cursor on a declaration highlights its node', async () => {
        editor = await vscode.window.showTextDocument(editor.document);
        const inWithdraw = positionOf(editor.document, 'amount: decimal\n    emits MoneyWithdrawn');
        editor.selection = new vscode.Selection(inWithdraw, inWithdraw);
        await waitFor(async () => (await snapshot())?.highlighted === 'command:Banking.Withdraw' ? true : undefined,
            () => 'the Withdraw node is not highlighted');
        const inSummary = positionOf(editor.document, 'readmodel AccountSummary', 'readmodel '.length);
        editor.selection = new vscode.Selection(inSummary, inSummary);
        await waitFor(async () => (await snapshot())?.highlighted === 'readModel:Banking.AccountSummary' ? true : undefined,
            () => 'the AccountSummary node is not highlighted');
    });

    it('switches to the board: the server sends it, the webview draws it, a rejection note reveals its error', async () => {
        const before = (await snapshot())!.renderCount;
        await send({ type: 'setMode', mode: 'board' });
        const board = await rendered(s => s.renderedMode === 'board' && s.renderedNodeIds.includes('error:Banking.InsufficientFunds'), before, 'the board');
        // The board shows declarations (every appearance under one id), the rejection's error among them.
        for (const id of ['command:Banking.Withdraw', 'event:Banking.AccountOpened', 'readModel:Banking.AccountSummary']) assert.ok(board.renderedNodeIds.includes(id), id);
        assert.ok(!board.renderedNodeIds.includes('aggregate:Banking.BankAccount'), 'an aggregate is a lane, not a note');
        const revealed = await send({ type: 'reveal', nodeId: 'error:Banking.InsufficientFunds' });
        assert.equal(revealed, editor.document.uri.toString());
        assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), 'InsufficientFunds');

        // A panel resize asks for the board again, wrapped to the new shape.
        const resized = (await snapshot())!.renderCount;
        await send({ type: 'viewResized', viewAspect: 3.25 });
        const rewrapped = await rendered(s => s.renderedMode === 'board' && s.requestedAspect === 3.25, resized, 'the board re-laid out for the new shape');
        assert.ok(rewrapped.renderedNodeIds.includes('command:Banking.Withdraw'));

        await send({ type: 'setMode', mode: 'flow' });
        await rendered(s => s.renderedMode === 'flow' && s.renderedNodeIds.includes('aggregate:Banking.BankAccount'), rewrapped.renderCount, 'the flow again');
    });

    it('the scenario\'s "Step on the board" lens opens the board stepping through that scenario', async () => {
        const before = (await snapshot())!.renderCount;
        const line = positionOf(editor.document, 'scenario "cannot overdraw"').line;
        await vscode.commands.executeCommand('eventloom.stepScenario', editor.document.uri.toString(), line);
        const stepping = await rendered(s => s.renderedMode === 'board' && s.renderedStepping === 'scenario:Banking:cannot overdraw', before, 'the board stepping the scenario');
        assert.equal(stepping.filter.context, 'Banking', 'the board of the scenario\'s context');
        await send({ type: 'setFilter', filter: {} });
        await send({ type: 'setMode', mode: 'flow' });
        await rendered(s => s.renderedMode === 'flow' && s.filter.context === undefined, stepping.renderCount, 'the flow again');
    });

    it('the "Preview flow" lens (a document URI string) previews that file\'s context; the palette shows everything', async () => {
        const reporting = vscode.Uri.joinPath(editor.document.uri, '..', 'reporting.loom').toString();
        const before = (await snapshot())!.renderCount;
        await vscode.commands.executeCommand('eventloom.openPreview', reporting);
        // Renders of the previous view may still arrive: wait for the one that shows Reporting alone.
        const view = await rendered(s => s.filter.context === 'Reporting' && s.renderedNodeIds.includes('readModel:Reporting.Withdrawals')
            && !s.renderedNodeIds.includes('aggregate:Banking.BankAccount'), before, 'the Reporting view');
        assert.equal(view.stale, false);

        await send({ type: 'setFilter', filter: {} });
        await rendered(s => s.filter.context === undefined && s.renderedNodeIds.includes('aggregate:Banking.BankAccount'), view.renderCount, 'the whole workspace again');
    });

    it('a window reload brings the preview back with its filter and view, even when the webview state VS Code kept is older', async () => {
        const before = (await snapshot())!.renderCount;
        await send({ type: 'setFilter', filter: { context: 'Banking' } });
        await send({ type: 'setMode', mode: 'board' });
        const shown = await rendered(s => s.renderedMode === 'board' && s.filter.context === 'Banking', before, 'the Banking board');
        // VS Code saves the webview's state with the workbench's layout, every few seconds: a reload
        // right after the changes hands the serializer the state from before them.
        await vscode.commands.executeCommand('_eventloom.preview.revive', { filter: {}, mode: 'flow' });
        const revived = await rendered(() => true, 0, 'the revived panel\'s first render');
        assert.deepEqual({ filter: revived.filter, mode: revived.renderedMode }, { filter: { context: 'Banking' }, mode: 'board' });
        assert.deepEqual([...revived.renderedNodeIds].sort(), [...shown.renderedNodeIds].sort(), 'the same notes as before the reload');

        await send({ type: 'setFilter', filter: {} });
        await send({ type: 'setMode', mode: 'flow' });
        await rendered(s => s.renderedMode === 'flow' && s.filter.context === undefined, revived.renderCount, 'the whole flow again');
    });
});
