/**
 * "Export as Event Modeling": Mermaid's `eventmodeling` diagram (Mermaid 11.15+) with the board's
 * slices in the board's order, one time frame per note. Relations are explicit (`->>`), in the
 * directions Mermaid's validator allows (event ← command ← processor, read model ← event); the first
 * frame of every slice and the `given` events are reset frames (`rf`), so Mermaid infers no arrow
 * into them. A rejection becomes a note on its command's frame (the notation has no rejection box).
 */
import type { Board, BoardNote, BoardSlice } from '../../protocol/board.js';

export interface EventModelingExport {
    text: string;
    frames: number;
}

export function exportEventModeling(board: Board, title?: string): EventModelingExport {
    const frameCount = board.contexts.reduce((sum, context) => sum + context.slices.reduce((n, slice) => n + slice.notes.filter(note => note.kind !== 'rejection').length, 0), 0);
    const digits = Math.max(2, String(frameCount).length);
    const lines = ['eventmodeling'];
    // Mermaid 12.3's eventmodeling parser refuses `title`: the title goes into a comment.
    if (title) lines.push(`%% ${oneLine(title)}`);
    const notes: string[] = [];
    let frame = 0;
    for (const context of board.contexts) {
        lines.push('', `%% context ${oneLine(context.name)}`);
        for (const slice of context.slices) {
            lines.push(`%% ${slice.kind === 'scenario' ? 'scenario' : 'slice'}: ${oneLine(slice.title)}`);
            const frameOf = new Map<string, string>();
            const given = new Set(slice.steps?.filter(step => step.kind === 'given').flatMap(step => step.notes) ?? []);
            const sourcesOf = sourcesByTarget(slice);
            let first = true;
            for (const note of slice.notes) {
                if (note.kind === 'rejection') {
                    const command = sourcesOf.get(note.id)?.map(id => frameOf.get(id)).find(Boolean);
                    if (command) notes.push(`note ${command} {\n  rejected: ${identifier(note.name)}\n}`);
                    continue;
                }
                const number = String(++frame).padStart(digits, '0');
                frameOf.set(note.id, number);
                const sources = (sourcesOf.get(note.id) ?? []).map(id => frameOf.get(id)).filter((n): n is string => n !== undefined)
                    .filter(source => allowedSource(note, slice.notes.find(candidate => frameOf.get(candidate.id) === source)));
                const reset = first || given.has(note.id) || (sources.length === 0 && note.kind !== 'policy');
                first = false;
                const relation = !reset ? sources.map(source => ` ->> ${source}`).join('') : '';
                lines.push(`${reset ? 'rf' : 'tf'} ${number} ${ENTITY_TYPE[note.kind]} ${entityOf(note)}${relation}`);
            }
        }
    }
    if (notes.length > 0) lines.push('', ...notes);
    return { text: `${lines.join('\n')}\n`, frames: frame };
}

const ENTITY_TYPE: Readonly<Record<Exclude<BoardNote['kind'], 'rejection'>, string>> = {
    policy: 'pcr', command: 'cmd', readModel: 'rmo', event: 'evt', externalEvent: 'evt'
};

/** The kinds Mermaid's validator accepts as the source of each kind. */
function allowedSource(target: BoardNote, source: BoardNote | undefined): boolean {
    if (!source) return false;
    switch (target.kind) {
        case 'command': return source.kind === 'policy';
        case 'event': case 'externalEvent': return source.kind === 'command';
        case 'readModel': return source.kind === 'event' || source.kind === 'externalEvent';
        default: return false;
    }
}

function sourcesByTarget(slice: BoardSlice): Map<string, string[]> {
    const sources = new Map<string, string[]>();
    for (const [from, to] of slice.arrows) {
        const list = sources.get(to);
        if (list) list.push(from);
        else sources.set(to, [from]);
    }
    return sources;
}

/**
 * Names carry their context, since Mermaid shows only the name: `Ordering_OrderPlaced`. (A
 * `Namespace.Name` identifier would give each namespace a lane of its own, but Mermaid 11.15–12.3
 * opens a new lane for every namespaced frame instead, which makes a board unreadable.)
 */
function entityOf(note: BoardNote): string {
    return `${identifier(note.context)}_${identifier(note.name)}`;
}

/** Mermaid entity ids are `[_a-zA-Z][\w_]*`. */
function identifier(text: string): string {
    const cleaned = text.replace(/[^A-Za-z0-9_]/g, '_');
    return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function oneLine(text: string): string {
    return text.replace(/[\r\n]+/g, ' ').replace(/%%/g, '% %');
}
