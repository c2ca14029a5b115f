/**
 * Which other documents an edit inside one declaration can affect through their references.
 * After a splice (parser/declaration-reparse.ts) every other declaration of the edited file is the
 * same AST node as before, so a reference elsewhere needs re-linking only when it pointed into the
 * replaced declarations, or names something the new ones added (it may resolve now, or
 * resolve differently), or is unresolved while the exported names changed (its suggestion may).
 * Everything else still points to the node a full re-link would find.
 */
import { AstUtils, type AstNode, type LangiumDocument } from 'langium';
import type { Element } from '../generated/ast.js';
import type { DeclarationSplice } from '../parser/declaration-reparse.js';
import { exportedNodes } from '../scoping/eventloom-scope-computation.js';

const addedNamesCache = new WeakMap<DeclarationSplice, ReadonlySet<string>>();
const namesChangedCache = new WeakMap<DeclarationSplice, boolean>();

/** Names declared (anywhere) in the new declarations and not in the old ones. */
export function addedNames(splice: DeclarationSplice): ReadonlySet<string> {
    let added = addedNamesCache.get(splice);
    if (!added) {
        const old = namesIn(splice.oldElements);
        added = new Set([...namesIn(splice.newElements)].filter(name => !old.has(name)));
        addedNamesCache.set(splice, added);
    }
    return added;
}

/**
 * Whether the new declaration exports other names than the old one (added or removed): the names
 * another file's unresolved reference may be offered as the closest (a field's name is not one).
 */
function exportedNamesChanged(splice: DeclarationSplice): boolean {
    let changed = namesChangedCache.get(splice);
    if (changed === undefined) {
        const names = (elements: readonly Element[]) => elements.flatMap(element => exportedNodes(element).map(node => node.name)).join('\n');
        changed = names(splice.oldElements) !== names(splice.newElements);
        namesChangedCache.set(splice, changed);
    }
    return changed;
}

function namesIn(roots: readonly AstNode[]): Set<string> {
    const names = new Set<string>();
    for (const root of roots) {
        for (const node of AstUtils.streamAst(root)) {
            const name = (node as { name?: unknown }).name;
            if (typeof name === 'string') names.add(name);
        }
    }
    return names;
}

/** The top-level declaration a node belongs to (the node itself for a declaration). */
function declarationOf(node: AstNode): AstNode {
    let current = node;
    while (current.$container && current.$container.$container) current = current.$container;
    return current;
}

/**
 * True when some reference of `document` may link differently after `splice`. An unresolved
 * reference counts whenever an exported name was added or removed: its message suggests the closest name.
 */
export function needsRelinkAfterSplice(document: LangiumDocument, splice: DeclarationSplice): boolean {
    const added = addedNames(splice);
    for (const reference of document.references) {
        if (reference.error && exportedNamesChanged(splice)) return true;
        const text = reference.$refText;
        if (added.has(text.slice(text.lastIndexOf('.') + 1))) return true;
        const target = 'ref' in reference ? reference.ref : undefined;
        if (target && splice.oldElements.includes(declarationOf(target) as Element)) return true;
    }
    return false;
}
