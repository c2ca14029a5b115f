/**
 * Reads the `upcast E from N { old fields } { mapping }` declarations of an aggregate as the
 * older shapes they state.
 */
import { isUpcast, type Aggregate } from '../../language/generated/ast.js';
import { wholeVersion } from '../../language/validation/evolution-validator.js';
import { storedFields, type DeclaredOldShape } from './stored-shape.js';

export function declaredUpcasts(aggregate: Aggregate, event: string): DeclaredOldShape[] {
    return aggregate.members.filter(isUpcast)
        .filter(upcast => upcast.event?.$refText === event && wholeVersion(upcast.fromVersion) !== undefined)
        .map(upcast => ({ fromVersion: wholeVersion(upcast.fromVersion)!, fields: storedFields(upcast.fields), node: upcast }));
}
