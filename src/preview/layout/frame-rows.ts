/**
 * Which contexts' frames share a row: the frames keep their order and fill rows like words fill
 * lines, the line length chosen so that the whole diagram comes closest to the view's aspect.
 * Without this, elkjs puts the contexts of a flow side by side (the shop: 4.8 : 1).
 */
export interface FrameSize {
    width: number;
    height: number;
}

export interface RowSpacing {
    /** Between two frames of a row, and at either end. */
    gutter: number;
    /** Between two rows, and above and below them. */
    corridor: number;
}

/** Frame indices per row, top to bottom, each row left to right. */
export function frameRowsForAspect(frames: readonly FrameSize[], aspect: number, spacing: RowSpacing): number[][] {
    if (frames.length === 0) return [];
    let best: { rows: number[][]; distance: number } | undefined;
    // Every row length worth trying is the width of some run of consecutive frames.
    for (const limit of candidateRowWidths(frames, spacing)) {
        const rows = fillRows(frames, limit, spacing);
        const { width, height } = extentOf(frames, rows, spacing);
        // Distance in ratio (2 : 1 is as far from 1 : 1 as 1 : 2), ties to fewer rows.
        const distance = Math.abs(Math.log(width / height / aspect));
        if (!best || distance < best.distance - 1e-9) best = { rows, distance };
    }
    return best!.rows;
}

function candidateRowWidths(frames: readonly FrameSize[], spacing: RowSpacing): number[] {
    const widths = new Set<number>();
    for (let first = 0; first < frames.length; first++) {
        let width = spacing.gutter;
        for (let last = first; last < frames.length; last++) {
            width += frames[last].width + spacing.gutter;
            widths.add(width);
        }
    }
    return [...widths].sort((a, b) => b - a);
}

/** Greedy: a frame starts a new row when it would make the row longer than `limit` (a row holds at least one). */
function fillRows(frames: readonly FrameSize[], limit: number, spacing: RowSpacing): number[][] {
    const rows: number[][] = [];
    let width = Infinity;
    frames.forEach((frame, index) => {
        const grown = width + frame.width + spacing.gutter;
        if (grown > limit + 1e-9) {
            rows.push([index]);
            width = spacing.gutter + frame.width + spacing.gutter;
        } else {
            rows[rows.length - 1].push(index);
            width = grown;
        }
    });
    return rows;
}

function extentOf(frames: readonly FrameSize[], rows: readonly number[][], spacing: RowSpacing): FrameSize {
    const width = Math.max(...rows.map(row => row.reduce((sum, index) => sum + frames[index].width + spacing.gutter, spacing.gutter)));
    const height = rows.reduce((sum, row) => sum + Math.max(...row.map(index => frames[index].height)) + spacing.corridor, spacing.corridor);
    return { width, height };
}
