/**
 * A tiny SVG element tree: the drawing is built once as data, then either printed as text (the
 * SVG export, escaping every string) or turned into DOM elements in the webview (attributes and
 * textContent, never markup). Model strings therefore never become markup on either path.
 */
export interface SvgElement {
    tag: string;
    attributes: Record<string, string | number>;
    children: SvgElement[];
    /** Text content; model strings go here or in attributes, never into `tag`. */
    text?: string;
}

export function svg(tag: string, attributes: Record<string, string | number | undefined> = {}, children: SvgElement[] = [], text?: string): SvgElement {
    const defined: Record<string, string | number> = {};
    for (const [name, value] of Object.entries(attributes)) {
        if (value !== undefined) defined[name] = value;
    }
    return text === undefined ? { tag, attributes: defined, children } : { tag, attributes: defined, children, text };
}

export function escapeXmlText(text: string): string {
    return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(text: string): string {
    return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** Control characters other than tab and newlines are not allowed anywhere in XML 1.0. */
function stripInvalidXmlChars(text: string): string {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** Pretty-printed, one element per line, so golden files diff well. */
export function printSvgElement(element: SvgElement, indent = ''): string {
    const attributes = Object.entries(element.attributes)
        .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`).join('');
    const open = `${indent}<${element.tag}${attributes}`;
    if (element.children.length === 0 && element.text === undefined) return `${open}/>`;
    if (element.children.length === 0) return `${open}>${escapeXmlText(element.text ?? '')}</${element.tag}>`;
    const inner = element.children.map(child => printSvgElement(child, `${indent}  `)).join('\n');
    const text = element.text === undefined ? '' : escapeXmlText(element.text);
    return `${open}>${text}\n${inner}\n${indent}</${element.tag}>`;
}
