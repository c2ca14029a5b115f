/**
 * Reproducers for language-server findings: an edit's end state (every open file, whether it was
 * saved, the requests asked) replayed on a fresh set of documents, and shrunk like a CLI case —
 * requests the finding does not need dropped, other files dropped, then the files cut by delta
 * debugging with the requests' positions moving with the cuts. A finding that needs the edit
 * history (it does not show from the end state) is kept whole and said to be so.
 */
import type { Finding } from './findings.js';
import { askEverything, ServerSession, wireRequest, type EditorRequest, type LspEdit } from './lsp-fuzz.js';
import { shrinkText } from './shrink-text.js';

export interface LspReproducer {
    /** Every open file's text, by name. */
    files: Record<string, string>;
    /** The file the requests are about. */
    file: string;
    saved: boolean;
    requests: EditorRequest[];
}

/** Replays reproducers on one server (restarted when it dies or hangs), each in a folder of its own. */
export class LspReplayer {
    private session: ServerSession | undefined;
    private next = 0;

    constructor(private readonly timeoutMs: number) {}

    async replay(reproducer: LspReproducer): Promise<Finding | undefined> {
        if (!this.session || this.session.exited) {
            this.session?.kill();
            this.session = new ServerSession();
            await this.session.initialize();
        }
        const session = this.session;
        const folder = `file:///fuzz/replay-${this.next++}/`;
        const uris = Object.keys(reproducer.files).map(name => folder + name);
        for (const [name, text] of Object.entries(reproducer.files)) {
            await session.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: folder + name, languageId: 'eventloom', version: 1, text } });
        }
        const uri = folder + reproducer.file;
        if (reproducer.saved) await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
        const text = reproducer.files[reproducer.file];
        const finding = await askEverything(session, reproducer.requests.map(request => wireRequest(request, uri, text)), this.timeoutMs);
        if (finding?.kind === 'hang' || session.exited) {
            session.kill();
            this.session = undefined;
        } else {
            for (const open of uris) await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: open } });
        }
        return finding;
    }

    dispose(): void {
        this.session?.kill();
        this.session = undefined;
    }
}

export function reproducerOf(edit: LspEdit): LspReproducer {
    return { files: edit.files, file: edit.file, saved: edit.saved, requests: edit.requests };
}

export async function minimizeLspEdit(replayer: LspReplayer, edit: LspEdit, finding: Finding, maxRuns: number): Promise<{ reproducer: LspReproducer; needsHistory: boolean }> {
    let best = reproducerOf(edit);
    const budget = { runs: maxRuns - 1 };
    const stillFails = async (candidate: LspReproducer) => {
        const outcome = await replayer.replay(candidate);
        return outcome?.kind === finding.kind && outcome.signature === finding.signature;
    };
    if (!(await stillFails(best))) return { reproducer: best, needsHistory: true };
    const tryCandidate = async (candidate: LspReproducer) => {
        if (budget.runs <= 0) return;
        budget.runs--;
        if (await stillFails(candidate)) best = candidate;
    };
    for (let index = best.requests.length - 1; index >= 0; index--) {
        if (best.requests.length > 1) await tryCandidate({ ...best, requests: best.requests.filter((_, at) => at !== index) });
    }
    if (best.saved) await tryCandidate({ ...best, saved: false });
    for (const name of Object.keys(best.files).filter(name => name !== best.file)) {
        await tryCandidate({ ...best, files: Object.fromEntries(Object.entries(best.files).filter(([file]) => file !== name)) });
    }
    // The requested file first, its requests' positions moving with each cut; then the others.
    const anchored = best.requests.flatMap(request => (request.at === undefined ? [] : [request.at]));
    const shrunk = await shrinkText({ text: best.files[best.file], anchors: anchored }, async candidate => {
        let next = 0;
        const requests = best.requests.map(request => (request.at === undefined ? request : { ...request, at: candidate.anchors[next++] }));
        return stillFails({ ...best, files: { ...best.files, [best.file]: candidate.text }, requests });
    }, budget);
    let next = 0;
    best = {
        ...best, files: { ...best.files, [best.file]: shrunk.text },
        requests: best.requests.map(request => (request.at === undefined ? request : { ...request, at: shrunk.anchors[next++] }))
    };
    for (const name of Object.keys(best.files).filter(name => name !== best.file)) {
        const other = await shrinkText({ text: best.files[name], anchors: [] },
            candidate => stillFails({ ...best, files: { ...best.files, [name]: candidate.text } }), budget);
        best = { ...best, files: { ...best.files, [name]: other.text } };
    }
    return { reproducer: best, needsHistory: false };
}
