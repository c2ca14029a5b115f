/**
 * A name inside a clause (`emits E { … }`, `on E, F { … }`, `issues C … if …`) is stored on the
 * clause node, but editor features think in declarations: "the command emits E", "the read model
 * handles E". This maps a clause's reference to its declaration and what the declaration does
 * with the name, so that those features read one shape.
 */
import { AstUtils, type AstNode } from 'langium';
import { isAggregate, isCommand, isEmit, isEventHandler, isIssuedCommand, isPolicy } from '../generated/ast.js';

export interface DeclarationUse {
    /** The declaration holding the reference (a Command for `emits`, a Policy for `on`, …). */
    node: AstNode;
    /**
     * What it does with the name: `emits`, `handles` (a read model's `on`), `evolves` (an
     * aggregate's `on`), `triggers`, `issues`, `rejects`, … — the reference's own property for
     * a reference held by a declaration itself.
     */
    property: string;
}

export function declarationUse(node: AstNode, property: string): DeclarationUse {
    // Completion builds a clause that does not exist yet inside whatever node the parser
    // recovered (a keyword read as a field name, say): the declaration is further up then.
    if (isEmit(node) && property === 'event') return { node: AstUtils.getContainerOfType(node.$container, isCommand) ?? node.$container!, property: 'emits' };
    if (isIssuedCommand(node) && property === 'command') return { node: AstUtils.getContainerOfType(node.$container, isPolicy) ?? node.$container!, property: 'issues' };
    if (isEventHandler(node) && property === 'events') {
        return { node: node.$container, property: isAggregate(node.$container) ? 'evolves' : 'handles' };
    }
    return { node, property };
}
