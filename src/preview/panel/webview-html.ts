/**
 * The preview's static HTML, as in the VS Code webview sample: a strict Content Security Policy
 * (`default-src 'none'`, the script allowed only by a per-load nonce from `crypto`, styles only from
 * the bundle folder), no inline handlers, no remote resources. Data arrives later by postMessage.
 */
import { randomBytes } from 'node:crypto';

export interface WebviewResources {
    /** `webview.cspSource`. */
    cspSource: string;
    /** `asWebviewUri` of out/webview.js and out/webview.css. */
    scriptUri: string;
    styleUri: string;
}

export function createNonce(): string {
    return randomBytes(16).toString('base64');
}

export function previewHtml(resources: WebviewResources, nonce: string = createNonce()): string {
    const csp = [
        "default-src 'none'",
        `style-src ${resources.cspSource}`,
        `img-src ${resources.cspSource}`,
        `font-src ${resources.cspSource}`,
        `script-src 'nonce-${nonce}'`
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${resources.styleUri}">
<title>Eventloom flow</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Flow preview">
  <select id="context-filter" title="Show one bounded context" aria-label="Context"></select>
  <select id="aggregate-filter" title="Show one aggregate and its neighbourhood" aria-label="Aggregate"></select>
  <input id="find" type="search" placeholder="Find a node" title="Find a node by name (Enter: next)" aria-label="Find a node">
  <span id="find-count" aria-live="polite"></span>
  <select id="focus-depth" title="Fade all but the selected note's neighbourhood" aria-label="Focus">
    <option value="0">Focus: off</option>
    <option value="1">Focus: 1 step</option>
    <option value="2">Focus: 2 steps</option>
    <option value="3">Focus: 3 steps</option>
  </select>
  <span class="group stepping" id="stepping" hidden>
    <select id="scenario-select" title="Step through a scenario on the board" aria-label="Scenario"></select>
    <button id="step-back" title="Back one step" aria-label="Back one step">&#x2039;</button>
    <button id="step-next" title="Next step: a given event, the command, the outcome" aria-label="Next step">Step &#x203A;</button>
  </span>
  <span class="group actions">
    <button id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
    <button id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="view-toggle" title="Switch between the flow diagram and the Event Modeling board">Board</button>
    <button id="fit" title="Fit to view (0)">Fit</button>
    <button id="export-svg" title="Save the diagram as a standalone SVG file">Export SVG</button>
    <button id="export-mermaid" title="Save the diagram as a Mermaid flowchart">Export Mermaid</button>
  </span>
</div>
<div id="banner" role="status" hidden></div>
<div id="canvas">
  <svg id="diagram" xmlns="http://www.w3.org/2000/svg" aria-label="Event flow diagram"><defs></defs><g id="viewport"></g></svg>
  <div id="empty" hidden>Nothing to draw yet: declare an aggregate with a command and an event.</div>
  <div id="minimap" role="navigation" aria-label="Minimap: click or drag to move the view" title="Click or drag to move the view" hidden>
    <canvas id="minimap-canvas"></canvas>
    <div id="minimap-view"></div>
  </div>
  <div id="step-panel" role="region" aria-label="Scenario step" aria-live="polite" hidden></div>
</div>
<ul id="legend" aria-label="Legend"></ul>
<div id="hover-card" role="tooltip" hidden></div>
<script nonce="${nonce}" src="${resources.scriptUri}"></script>
</body>
</html>`;
}
