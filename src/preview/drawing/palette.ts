/**
 * Event Storming colours. The sticky notes keep these fills in every theme (they are the notation)
 * with dark text on them, so they read on light, dark and high-contrast backgrounds alike.
 */
import type { FlowNodeKind } from '../../protocol/flow-graph.js';

export interface NoteColours {
    fill: string;
    stroke: string;
    /** Dashed border: the note belongs to another context. */
    dashed?: boolean;
}

export const NOTE_COLOURS: Readonly<Record<FlowNodeKind, NoteColours>> = {
    command: { fill: '#a8d1ff', stroke: '#2f6fb8' },
    aggregate: { fill: '#fff0a0', stroke: '#b89b10' },
    event: { fill: '#ffbf80', stroke: '#c66a12' },
    readModel: { fill: '#b8ecc0', stroke: '#2f8f47' },
    policy: { fill: '#dcc8f5', stroke: '#7b52b8' },
    query: { fill: '#dadde2', stroke: '#6b7280' },
    externalEvent: { fill: '#ffe1c2', stroke: '#c66a12', dashed: true }
};

export const NOTE_TEXT = '#1f2328';
export const EDGE_COLOUR = '#7a808a';
export const FONT_FAMILY = '-apple-system, BlinkMacSystemFont, "Segoe UI", Helvetica, Arial, sans-serif';
/** A context's frame: a faint tint behind its notes, a grey border, its name in dark grey. */
export const GROUP_FILL = '#f6f7f9';
export const GROUP_STROKE = '#9aa1ab';
export const GROUP_TEXT = '#3b4048';
