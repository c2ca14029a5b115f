/**
 * The webview's side of the connection to the extension: VS Code's API object, acquired once (a
 * second `acquireVsCodeApi()` throws), typed with the protocol's messages and saved state.
 */
import type { FromWebviewMessage, PreviewState } from '../../protocol/webview-messages.js';

interface VsCodeApi {
    postMessage(message: FromWebviewMessage): void;
    getState(): PreviewState | undefined;
    setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const host = acquireVsCodeApi();
