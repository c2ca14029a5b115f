/**
 * The type checker of the model's behaviour expressions (DESIGN §2b), for the validators, the
 * editor features and the rules form (`src/semantics/`). Its whole API:
 *
 * - `Type` and its helpers (`types.ts`): the built-ins, enums, value types, lists, optionals;
 *   `assignable(actual, expected)`, `comparable`, `typeName` for messages, `typeOfReference` for a
 *   declared field's type.
 * - `typeOf(expression)`: the static type of any expression; `expectedTypeOf(expression)`: the
 *   type its position requires; `readTypeOf(field)` / `writeTypeOf(field)`: a field's type when
 *   read (state and read-model fields without a default are optional) and when written;
 *   `assignedValueType(assignment)`: what the value of `=`, `+=`, `-=` must be.
 * - `checkExpression(expression)`: every type problem of an expression, as values (`TypeProblem`:
 *   kind, node, property, message); `positionProblem(expression, expected)` for one position.
 *
 * All pure functions of the linked AST, safe on partial ASTs (an unresolved name is `unknown`).
 */
export * from './types.js';
export { assignedValueType, expectedTypeOf, readTypeOf, typeOf, typeOfName, writeTypeOf, type DataFieldNode } from './type-of.js';
export { checkExpression, positionProblem, type TypeProblem, type TypeProblemKind } from './check-expression.js';
