/**
 * Reads the `upcast E from N { old fields } { mapping }` declarations of an aggregate as the
 * older shapes they state.
 */
import type { Aggregate } from '../../language/generated/ast.js';
import type { DeclaredOldShape } from './stored-shape.js';

export function declaredUpcasts(_aggregate: Aggregate, _event: string): DeclaredOldShape[] {
    // The `upcast` construct is not in the grammar yet.
    return [];
}
