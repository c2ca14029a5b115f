/**
 * Turns the drawing's element tree into SVG DOM nodes. Strings only ever reach the DOM through
 * setAttribute and textContent, which never parse markup: a name or doc comment holding `<script>`
 * stays text.
 */
import type { SvgElement } from '../drawing/svg-tree.js';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function toSvgDom(element: SvgElement, document: Document): SVGElement {
    const node = document.createElementNS(SVG_NS, element.tag) as SVGElement;
    for (const [name, value] of Object.entries(element.attributes)) node.setAttribute(name, String(value));
    if (element.text !== undefined) node.textContent = element.text;
    for (const child of element.children) node.appendChild(toSvgDom(child, document));
    return node;
}
