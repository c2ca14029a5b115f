/** Find: marks the notes whose name contains the text; Enter steps through them, centring each. */
import { firstBoardNote, isBoardShown, remarkBoard } from './board-view.js';
import { page } from './page.js';
import { setView } from './pan-zoom.js';
import { markSelected } from './selection.js';
import { state } from './state.js';
import { centreOn } from './view-transform.js';

/** Marks the nodes whose name contains the text; with `step`, selects and centres the next one. */
export function runFind(step: boolean, direction = 1): void {
    const { find, graph } = state;
    const query = page.findInput.value.trim().toLowerCase();
    find.matches = query && graph ? graph.nodes.filter(node => node.name.toLowerCase().includes(query)).map(node => node.id) : [];
    const matches = find.matches;
    const matching = new Set(matches);
    find.matching = query ? matching : undefined;
    for (const [id, group] of state.drawing?.nodes ?? []) {
        group.classList.toggle('match', matching.has(id));
        group.classList.toggle('dimmed', query.length > 0 && !matching.has(id));
    }
    // On the board every appearance of a matching declaration is marked.
    remarkBoard();
    if (matches.length === 0) find.index = -1;
    else if (step) find.index = find.index < 0 && direction < 0 ? matches.length - 1 : (find.index + direction + matches.length) % matches.length;
    else find.index = Math.min(find.index, matches.length - 1);
    page.findCount.textContent = !query ? '' : matches.length === 0 ? 'no match'
        : find.index < 0 ? `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}` : `${find.index + 1} of ${matches.length}`;
    if (step && find.index >= 0) {
        const node = isBoardShown() ? firstBoardNote(matches[find.index]) && { id: matches[find.index], ...firstBoardNote(matches[find.index])! } : state.nodesById.get(matches[find.index]);
        if (node) {
            markSelected(node.id);
            setView(centreOn(state.view ?? { x: 0, y: 0, scale: 1 }, node.x + node.width / 2, node.y + node.height / 2, page.canvas.clientWidth, page.canvas.clientHeight));
        }
    }
}

export function installFind(): void {
    const { findInput } = page;
    findInput.addEventListener('input', () => {
        state.find.index = -1;
        runFind(false);
    });
    findInput.addEventListener('keydown', event => {
        if (event.key === 'Enter') runFind(true, event.shiftKey ? -1 : 1);
        if (event.key === 'Escape') {
            findInput.value = '';
            runFind(false);
        }
    });
}
