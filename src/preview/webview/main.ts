/**
 * The preview's browser-side program (bundled to out/webview.js, loaded with the page's nonce).
 * It draws what the extension sends, handles pan, zoom, find and filters, and reports clicks.
 * Each concern is a module working on the one state object (state.ts); this file wires them.
 * Every listener is attached by them (no inline handlers), every model string goes in as text.
 */
import { drawArrowMarker } from '../drawing/draw-flow-diagram.js';
import { installFilters } from './filters.js';
import { installFind } from './find.js';
import { installFocus } from './focus.js';
import { installKeyboard } from './keyboard.js';
import { installMessaging, reportReady } from './messaging.js';
import { installMinimap } from './minimap.js';
import { page } from './page.js';
import { installPanZoom } from './pan-zoom.js';
import { installSelection } from './selection.js';
import { toSvgDom } from './svg-dom.js';
import { installStepping } from './stepping.js';
import { installResizeFollow } from './view-aspect.js';
import { installViewMode } from './view-mode.js';
import { drawBoardArrowMarker } from '../drawing/draw-board.js';
import './webview.css';

page.svgRoot.querySelector('defs')?.append(toSvgDom(drawArrowMarker(), document), toSvgDom(drawBoardArrowMarker(), document));
installViewMode();
installStepping();
installMessaging();
installFilters();
installPanZoom();
installSelection();
installFind();
installFocus();
installKeyboard();
installMinimap();
installResizeFollow();
reportReady();
