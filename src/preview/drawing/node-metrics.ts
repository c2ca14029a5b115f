/**
 * Sizes of the sticky notes, shared by the layout (which needs them before drawing) and the
 * drawing (which must fit the text into them). Text width is estimated from the label length: no
 * font measuring outside a browser, so the estimate is generous.
 */
import { FLOW_NODE_KIND_LABELS, type FlowNode } from '../../protocol/flow-graph.js';

export const NODE_HEIGHT = 52;
/** The strip at the top of a context's frame that holds its name. */
export const GROUP_HEADER_HEIGHT = 26;
export const NAME_FONT_SIZE = 13;
export const CAPTION_FONT_SIZE = 10;
const NAME_CHAR_WIDTH = 8.8;
const CAPTION_CHAR_WIDTH = 6.6;
const HORIZONTAL_PADDING = 28;
const MIN_WIDTH = 110;

/**
 * The small line above the name: the kind, or the context an external event comes from; for a
 * note another context has a namesake of, also the note's context.
 */
export function captionOf(node: Pick<FlowNode, 'kind' | 'context' | 'confusable' | 'foreign'>): string {
    if (node.kind === 'externalEvent') return `event from ${node.context}`;
    const kind = FLOW_NODE_KIND_LABELS[node.kind].toLowerCase();
    return node.confusable || node.foreign ? `${kind} · ${node.context}` : kind;
}

export function nodeWidth(node: Pick<FlowNode, 'kind' | 'context' | 'name' | 'confusable' | 'foreign'>): number {
    return noteWidth(node.name, captionOf(node));
}

/** The width of a sticky note showing `name` under a `caption` line. */
export function noteWidth(name: string, caption: string): number {
    const text = Math.max(name.length * NAME_CHAR_WIDTH, caption.length * CAPTION_CHAR_WIDTH);
    return Math.max(MIN_WIDTH, Math.ceil(text + HORIZONTAL_PADDING));
}

/** An estimate of a caption-sized text's width (no font measuring outside a browser). */
export function captionTextWidth(text: string): number {
    return Math.ceil(text.length * CAPTION_CHAR_WIDTH);
}
