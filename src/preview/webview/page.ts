/** The page's elements (webview-html.ts writes them), looked up once by id. */
const element = <T extends Element>(id: string) => document.getElementById(id) as unknown as T;

export const page = {
    canvas: element<HTMLDivElement>('canvas'),
    svgRoot: element<SVGSVGElement>('diagram'),
    viewport: element<SVGGElement>('viewport'),
    banner: element<HTMLDivElement>('banner'),
    emptyNote: element<HTMLDivElement>('empty'),
    hoverCard: element<HTMLDivElement>('hover-card'),
    legend: element<HTMLUListElement>('legend'),
    minimap: element<HTMLDivElement>('minimap'),
    minimapCanvas: element<HTMLCanvasElement>('minimap-canvas'),
    minimapView: element<HTMLDivElement>('minimap-view'),
    contextFilter: element<HTMLSelectElement>('context-filter'),
    aggregateFilter: element<HTMLSelectElement>('aggregate-filter'),
    findInput: element<HTMLInputElement>('find'),
    findCount: element<HTMLSpanElement>('find-count'),
    focusDepth: element<HTMLSelectElement>('focus-depth'),
    zoomIn: element<HTMLButtonElement>('zoom-in'),
    zoomOut: element<HTMLButtonElement>('zoom-out'),
    fit: element<HTMLButtonElement>('fit'),
    exportSvg: element<HTMLButtonElement>('export-svg'),
    exportMermaid: element<HTMLButtonElement>('export-mermaid'),
    viewToggle: element<HTMLButtonElement>('view-toggle'),
    stepping: element<HTMLSpanElement>('stepping'),
    scenarioSelect: element<HTMLSelectElement>('scenario-select'),
    stepBack: element<HTMLButtonElement>('step-back'),
    stepNext: element<HTMLButtonElement>('step-next'),
    stepPanel: element<HTMLDivElement>('step-panel')
};
