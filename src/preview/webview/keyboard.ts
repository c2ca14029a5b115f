/** Keys on the page (outside the find box and the menus): + and - zoom, 0 fits, Ctrl/Cmd+F finds. */
import { page } from './page.js';
import { fitToCanvas, zoomBy } from './pan-zoom.js';

export function installKeyboard(): void {
    window.addEventListener('keydown', event => {
        if (event.target === page.findInput || event.target instanceof HTMLSelectElement) return;
        if (event.key === '+' || event.key === '=') zoomBy(1.25);
        else if (event.key === '-') zoomBy(0.8);
        else if (event.key === '0') fitToCanvas();
        else if (event.key === 'f' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            page.findInput.focus();
        }
    });
}
