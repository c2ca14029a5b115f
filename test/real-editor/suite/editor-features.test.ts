/**
 * The language server's editor features through the real editor's API: completion, hover,
 * definitions, references, rename, outline, formatting, semantic tokens, code lenses and quick
 * fixes. Read-only checks use the fixture files; edits happen in this suite's own file (deleted
 * afterwards) or are reverted by `closeAllEditors`.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
    activateExtension, closeAllEditors, createFile, deleteFiles, eventloomDiagnostics, expectDiagnostics, openFixture, positionOf,
    waitFor, workspaceFile
} from './helpers.js';

/** At the workspace root: a deleted folder's files would not all reach the server's file watcher. */
const OWN_FILE = 'editor-features-shop.loom';

/** A model with the mistakes the quick fixes repair; its context is used by no other test. */
const SHOP = `context EditorFeatures

aggregate Cart {
  command AddItem {
    sku: string
    emits ItemAdded
  }
  command PlaceOrder { total: decimal }
  event ItemAdded { sku: string }
}

policy RestockOnAdd {
  on ItemAdded
  issues Restock
}
`;

/** Asks a provider until the language server answers with something (it may still be starting). */
function answered<T>(ask: () => Thenable<T | undefined>, has: (value: T) => boolean, what: string): Promise<T> {
    let last: T | undefined;
    return waitFor(async () => {
        last = await ask();
        return last !== undefined && has(last) ? last : undefined;
    }, () => `${what}; last answer: ${JSON.stringify(last)}`, 20_000);
}

function hoverText(hovers: vscode.Hover[]): string {
    return hovers.flatMap(h => h.contents).map(c => (typeof c === 'string' ? c : c.value)).join('\n');
}

function uriOf(location: vscode.Location | vscode.LocationLink): vscode.Uri {
    return 'targetUri' in location ? location.targetUri : location.uri;
}

function rangeOf(location: vscode.Location | vscode.LocationLink): vscode.Range {
    return 'targetUri' in location ? (location.targetSelectionRange ?? location.targetRange) : location.range;
}

describe('Editor features', () => {
    before(activateExtension);
    afterEach(closeAllEditors);
    // Other suites build the whole workspace (Generate): leave nothing of this suite's model behind.
    after(() => deleteFiles(OWN_FILE));

    it('completes the `when` command\'s own fields inside a scenario\'s data', async () => {
        const document = (await openFixture('banking.loom')).document;
        const inData = positionOf(document, 'when Withdraw { ', 'when Withdraw { '.length);
        const list = await answered(
            () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, inData),
            l => l.items.some(i => i.kind === vscode.CompletionItemKind.Field), 'field completion in `when` data');
        assert.deepEqual(list.items.filter(i => i.kind === vscode.CompletionItemKind.Field).map(i => i.label), ['amount']);
    });

    it('completes only the aggregate\'s events after `emits`, even before the line is finished', async () => {
        const editor = await openFixture('banking.loom');
        const document = editor.document;
        await editor.edit(b => b.replace(document.lineAt(positionOf(document, 'emits MoneyWithdrawn').line).range, '    emits '));
        const at = document.lineAt(positionOf(document, '    emits \n').line).range.end;
        const list = await answered(
            () => vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, at),
            l => l.items.some(i => i.kind === vscode.CompletionItemKind.Event), 'completion after `emits`');
        assert.deepEqual(list.items.map(i => i.label).sort(), ['AccountOpened', 'MoneyWithdrawn']);
    });

    it('hovers with a summary line and the doc comment', async () => {
        const editor = await openFixture('banking.loom');
        const document = editor.document;
        const hovers = await answered(
            () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'command OpenAccount', 9)),
            h => h.length > 0, 'hover on OpenAccount');
        assert.equal(hoverText(hovers), '`command OpenAccount → emits AccountOpened`\n\n---\n\nOpens a new account for its owner.');
        const eventHover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'event MoneyWithdrawn', 7));
        assert.equal(hoverText(eventHover), '`event MoneyWithdrawn — emitted by Withdraw — consumed by read model AccountSummary, read model Reporting.Withdrawals`');
    });

    it('goes to the definition of a qualified reference in another file, and finds references across files', async () => {
        const reporting = (await openFixture('reporting.loom')).document;
        const definitions = await answered(
            () => vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', reporting.uri, positionOf(reporting, 'Banking.MoneyWithdrawn', 10)),
            d => d.length > 0, 'definition of Banking.MoneyWithdrawn');
        assert.equal(definitions.length, 1);
        assert.ok(uriOf(definitions[0]).path.endsWith('/banking.loom'));
        const banking = await vscode.workspace.openTextDocument(uriOf(definitions[0]));
        assert.equal(banking.getText(rangeOf(definitions[0])), 'MoneyWithdrawn');
        assert.equal(rangeOf(definitions[0]).start.line, positionOf(banking, 'event MoneyWithdrawn').line);

        const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', banking.uri, positionOf(banking, 'event MoneyWithdrawn', 7));
        const found = references.map(r => `${vscode.workspace.asRelativePath(r.uri)}:${r.range.start.line + 1}`).sort();
        assert.deepEqual(found, [
            `banking.loom:${positionOf(banking, 'emits MoneyWithdrawn').line + 1}`,
            `banking.loom:${positionOf(banking, 'event MoneyWithdrawn').line + 1}`,
            `banking.loom:${positionOf(banking, 'on AccountOpened, MoneyWithdrawn').line + 1}`,
            `reporting.loom:${positionOf(reporting, 'Banking.MoneyWithdrawn').line + 1}`
        ].sort());
    });

    it('renames an event across files, keeping the other context\'s qualifier, and refuses a keyword', async () => {
        const banking = (await openFixture('banking.loom')).document;
        const reporting = await vscode.workspace.openTextDocument(workspaceFile('reporting.loom'));
        const at = positionOf(banking, 'event MoneyWithdrawn', 7);
        const edit = await answered(
            () => vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', banking.uri, at, 'CashWithdrawn'),
            e => e.size > 0, 'rename edit');
        assert.deepEqual(edit.entries().map(([uri, edits]) => [vscode.workspace.asRelativePath(uri), edits.length]).sort(), [['banking.loom', 3], ['reporting.loom', 1]]);
        assert.ok(await vscode.workspace.applyEdit(edit));
        assert.match(reporting.getText(), /on Banking\.CashWithdrawn\n/);
        assert.match(banking.getText(), /emits CashWithdrawn\n[\s\S]*event CashWithdrawn \{[\s\S]*on AccountOpened, CashWithdrawn\n/);
        await expectDiagnostics(reporting.uri, []);
        await expectDiagnostics(banking.uri, []);

        await assert.rejects(
            Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', banking.uri, positionOf(banking, 'event CashWithdrawn', 7), 'event')),
            (error: Error) => /'event' is a keyword of the language and cannot name an event/.test(error.message));
    });

    it('shows the outline nested by aggregate', async () => {
        const document = (await openFixture('banking.loom')).document;
        const symbols = await answered(
            () => vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri),
            s => s.length > 0, 'document symbols');
        assert.deepEqual(symbols.map(s => [s.name, s.kind]), [['Banking', vscode.SymbolKind.Namespace]]);
        const aggregate = symbols[0].children.find(s => s.name === 'BankAccount');
        assert.equal(aggregate?.kind, vscode.SymbolKind.Class);
        assert.deepEqual(aggregate?.children.filter(s => s.kind !== vscode.SymbolKind.Field).map(s => `${s.name}:${vscode.SymbolKind[s.kind]}`),
            ['accountId:Key', 'OpenAccount:Method', 'Withdraw:Method', 'AccountOpened:Event', 'MoneyWithdrawn:Event', 'InsufficientFunds:Object']);
    });

    it('formats a document into the house style', async () => {
        const editor = await createFile(OWN_FILE, 'context EditorFeatures\naggregate Cart{id cartId:uuid\ncommand AddItem{sku:string,emits ItemAdded}\nevent ItemAdded{sku:string}}\n');
        const edits = await answered(
            () => vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', editor.document.uri, { tabSize: 2, insertSpaces: true }),
            e => e.length > 0, 'formatting edits');
        const workspaceEdit = new vscode.WorkspaceEdit();
        workspaceEdit.set(editor.document.uri, edits);
        assert.ok(await vscode.workspace.applyEdit(workspaceEdit));
        assert.equal(editor.document.getText(), [
            'context EditorFeatures', '', 'aggregate Cart {', '  id cartId: uuid', '  command AddItem {', '    sku: string', '    emits ItemAdded', '  }',
            '  event ItemAdded {', '    sku: string', '  }', '}', ''
        ].join('\n'));
    });

    it('highlights names by what they are (semantic tokens)', async () => {
        const document = (await openFixture('banking.loom')).document;
        const legend = await vscode.commands.executeCommand<vscode.SemanticTokensLegend>('vscode.provideDocumentSemanticTokensLegend', document.uri);
        const tokens = await answered(
            () => vscode.commands.executeCommand<vscode.SemanticTokens>('vscode.provideDocumentSemanticTokens', document.uri),
            t => t.data.length > 0, 'semantic tokens');
        const decoded: string[] = [];
        let line = 0;
        let character = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i];
            character = tokens.data[i] === 0 ? character + tokens.data[i + 1] : tokens.data[i + 1];
            const text = document.getText(new vscode.Range(line, character, line, character + tokens.data[i + 2]));
            decoded.push(`${text}:${legend.tokenTypes[tokens.data[i + 3]]}`);
        }
        for (const expected of ['Withdraw:function', 'MoneyWithdrawn:event', 'InsufficientFunds:type', 'AccountSummary:interface', 'Currency:enum']) {
            assert.ok(decoded.includes(expected), `${expected} in ${decoded.join(' ')}`);
        }
    });

    it('shows "Preview flow" and "Generate" lenses on the context line, "Run scenario" and "Step on the board" on each scenario', async () => {
        const document = (await openFixture('banking.loom')).document;
        const lenses = await answered(
            () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri),
            l => l.length === 4, 'code lenses');
        const scenarioLine = positionOf(document, 'scenario "cannot overdraw"').line;
        // Two providers (the language server's, the Test Explorer's): compared by line and title.
        const listed = lenses.map(l => [l.range.start.line, l.command?.title, l.command?.command, l.command?.arguments] as const)
            .sort((x, y) => x[0] - y[0] || String(x[1]).localeCompare(String(y[1])));
        assert.deepEqual(listed, [
            [1, 'Generate', 'eventloom.generate', [document.uri.toString()]],
            [1, 'Preview flow', 'eventloom.openPreview', [document.uri.toString()]],
            [scenarioLine, 'Run scenario', 'eventloom.runScenario', [`${document.uri.toString()}#Banking/cannot overdraw`]],
            [scenarioLine, 'Step on the board', 'eventloom.stepScenario', [document.uri.toString(), scenarioLine]]
        ]);
    });

    it('fixes problems with quick fixes until the model is clean', async () => {
        const editor = await createFile(OWN_FILE, SHOP);
        const uri = editor.document.uri;
        const fixed: string[] = [];
        // Each round: take the first error, apply its preferred quick fix, wait for new diagnostics.
        for (let round = 0; round < 5; round++) {
            const errors = await waitFor(() => {
                const all = vscode.languages.getDiagnostics(uri).filter(d => d.severity === vscode.DiagnosticSeverity.Error);
                return fixed.length === 0 && all.length === 0 ? undefined : all;
            }, () => `diagnostics of ${OWN_FILE}: ${JSON.stringify(eventloomDiagnostics(uri))}`);
            if (errors.length === 0) break;
            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, errors[0].range, vscode.CodeActionKind.QuickFix.value);
            const fix = actions.find(a => a.isPreferred && a.edit);
            assert.ok(fix, `a quick fix for '${errors[0].message}'; offered: ${actions.map(a => a.title).join(' | ')}`);
            const before = editor.document.version;
            assert.ok(await vscode.workspace.applyEdit(fix.edit!));
            fixed.push(fix.title);
            await waitFor(() => (editor.document.version > before ? true : undefined), () => 'the edit to land');
            // The fixed diagnostic disappears once the server has re-validated.
            await waitFor(() => (vscode.languages.getDiagnostics(uri).some(d => d.message === errors[0].message) ? undefined : true),
                () => `'${errors[0].message}' still reported: ${JSON.stringify(eventloomDiagnostics(uri))}`);
        }
        assert.deepEqual(fixed.sort(), [
            'Add `emits OrderPlaced` and declare event OrderPlaced',
            'Add `id cartId: uuid`',
            'Create command Restock and event Restocked in aggregate Cart'
        ].sort().map(title => title), `fixes applied: ${fixed.join(' | ')}`);
        assert.deepEqual(eventloomDiagnostics(uri).filter(d => d.severity === 'error'), []);
    });
});
