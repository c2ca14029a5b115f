/**
 * What closing a file in the editor does to the model. Langium rebuilds nothing on a close, so a
 * file closed without saving kept its unsaved text in the model (the errors other files showed
 * about it stayed), and a file that is not part of the workspace (outside its folders, never
 * saved, in an excluded folder) stayed in the model for good: its declarations still in scope,
 * its memory never freed, every later edit checking names against it (the long fuzz's server,
 * which opens and closes files all day, slowed to a stall). Now a workspace file falls back to
 * its text on disk, and any other file leaves the model.
 */
import { URI, UriUtils, type Cancellation, type WorkspaceManager } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** Brings the model in line with the closed file: its text on disk, or no document at all. */
export async function afterClose(shared: LangiumSharedServices, uri: URI, cancelToken: Cancellation.CancellationToken): Promise<void> {
    const workspace = shared.workspace;
    // Opened again before this ran: the editor's text is what counts, and its update is queued.
    if (workspace.TextDocuments.get(uri.toString())) return;
    const document = workspace.LangiumDocuments.getDocument(uri);
    if (!document) return;
    const onDisk = await workspaceFileText(shared, uri);
    if (onDisk === undefined) await workspace.DocumentBuilder.update([], [uri], cancelToken);
    // The same text as the model's (saved before closing): nothing to rebuild.
    else if (onDisk !== document.parseResult.value.$cstNode?.root.fullText) await workspace.DocumentBuilder.update([uri], [], cancelToken);
}

/**
 * The file's text on disk when the workspace manager would load it: a regular file (never a FIFO
 * or a device: reading one would wait for ever) under a workspace folder, in no folder it skips.
 * Undefined otherwise, or when the file went away meanwhile.
 */
async function workspaceFileText(shared: LangiumSharedServices, uri: URI): Promise<string | undefined> {
    // Any scheme the workspace folders have (code-server may hand out vscode-remote: for files); an untitled: file is in none.
    const manager = shared.workspace.WorkspaceManager;
    if (!(manager.workspaceFolders ?? []).some(folder => loadedFrom(manager, URI.parse(folder.uri), uri))) return undefined;
    const files = shared.workspace.FileSystemProvider;
    try {
        return (await files.stat(uri)).isFile ? await files.readFile(uri) : undefined;
    } catch {
        return undefined;
    }
}

/** Whether the workspace manager's walk of `root` reaches `uri`: every folder on the way and the file itself included. */
function loadedFrom(manager: WorkspaceManager, root: URI, uri: URI): boolean {
    const rootPath = root.path.endsWith('/') ? root.path : `${root.path}/`;
    if (root.scheme !== uri.scheme || root.authority !== uri.authority || !uri.path.startsWith(rootPath)) return false;
    const segments = uri.path.slice(rootPath.length).split('/');
    let at = root;
    for (let i = 0; i < segments.length; i++) {
        at = UriUtils.joinPath(at, segments[i]);
        const isFile = i === segments.length - 1;
        if (!manager.shouldIncludeEntry({ uri: at, isFile, isDirectory: !isFile })) return false;
    }
    return true;
}
