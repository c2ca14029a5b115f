/**
 * Starts the Eventloom language server (the bundled `out/server.cjs`) in its own Node process and
 * talks to it over IPC. One client per extension host; feature modules get it as the argument of
 * their `registerXxx(context, client)`.
 */
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export const LANGUAGE_ID = 'eventloom';

let client: LanguageClient | undefined;

/** Creates the client (not started yet, so features can register against it first). */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
    const serverModule = context.asAbsolutePath('out/server.cjs');
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc },
        // `--inspect` only when the extension itself runs under the debugger (F5 in VS Code).
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } }
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [
            { scheme: 'file', language: LANGUAGE_ID },
            { scheme: 'untitled', language: LANGUAGE_ID },
            // code-server and remote workspaces hand out vscode-remote: URIs for the same files.
            { scheme: 'vscode-remote', language: LANGUAGE_ID }
        ]
        // No `synchronize.fileEvents`: Langium's server registers its own watcher for `**/*` (folders
        // too, so deleting a folder of models drops them), and a second one would double every rebuild.
    };
    client = new LanguageClient(LANGUAGE_ID, 'Eventloom Language Server', serverOptions, clientOptions);
    return client;
}

/** Stops the server process; VS Code awaits this on deactivation so the process never outlives the host. */
export async function stopLanguageClient(): Promise<void> {
    const running = client;
    client = undefined;
    if (running?.isRunning()) await running.stop();
}
