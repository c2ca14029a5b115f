/**
 * "Export the board as SVG": a standalone file (colours and fonts as attributes, no stylesheet,
 * no script, no external reference) of the Event Modeling board, as the board view draws it.
 */
import type { LaidOutBoard } from '../../protocol/board.js';
import { drawBoard, drawBoardArrowMarker } from '../drawing/draw-board.js';
import { printSvgElement, svg } from '../drawing/svg-tree.js';

export function exportBoardSvg(board: LaidOutBoard, title = 'Event model'): string {
    const width = Math.ceil(board.width);
    const height = Math.ceil(board.height);
    const document = svg('svg', { xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' }, [
        svg('title', {}, [], title),
        svg('defs', {}, [drawBoardArrowMarker()]),
        svg('rect', { class: 'background', width, height, fill: '#ffffff' }),
        drawBoard(board)
    ]);
    return `<?xml version="1.0" encoding="UTF-8"?>\n${printSvgElement(document)}\n`;
}
