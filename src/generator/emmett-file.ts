/**
 * `<context>/emmett.ts`: the bridge to Emmett. Our deciders return a typed rejection instead of
 * throwing; Emmett's `Decider` expects `decide` to return events and throw on a broken rule.
 */
import { StructureKind, type SourceFileStructure } from 'ts-morph';
import { FULLY_GENERATED_HEADER } from './file-layout.js';

export function emmettSourceFile(): SourceFileStructure {
    return {
        kind: StructureKind.SourceFile,
        statements: [
            FULLY_GENERATED_HEADER,
            { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js', namedImports: ['Decider', 'Rejection'] },
            { kind: StructureKind.ImportDeclaration, moduleSpecifier: './types.js', namedImports: ['isRejection'] },
            {
                kind: StructureKind.Interface, isExported: true, name: 'EmmettDecider', typeParameters: ['State', 'Command', 'Event'],
                docs: [{ description: 'The shape of Emmett\'s `Decider`: `decide` returns events and throws when it refuses.' }],
                properties: [
                    { name: 'decide', type: '(command: Command, state: State) => Event[]' },
                    { name: 'evolve', type: '(state: State, event: Event) => State' },
                    { name: 'initialState', type: '() => State' }
                ]
            },
            {
                kind: StructureKind.Class, isExported: true, name: 'RejectionError', typeParameters: ['Refusal extends Rejection<string, unknown>'],
                extends: 'Error',
                docs: [{ description: 'A rejection thrown as an error, for code (such as Emmett) that expects `decide` to throw.' }],
                properties: [{ name: 'rejection', isReadonly: true, type: 'Refusal' }],
                ctors: [{
                    parameters: [{ name: 'rejection', type: 'Refusal' }],
                    statements: 'super(`Rejected: ${rejection.type}`);\nthis.name = \'RejectionError\';\nthis.rejection = rejection;'
                }]
            },
            {
                kind: StructureKind.Function, isExported: true, name: 'toEmmettDecider',
                typeParameters: ['State', 'Command', 'Event', 'Refusal extends Rejection<string, unknown>'],
                docs: [{ description: 'The same decider with rejections thrown as `RejectionError`: what Emmett\'s\n`Decider<State, Command, Event>` accepts as it is.' }],
                parameters: [{ name: 'decider', type: 'Decider<State, Command, Event, Refusal>' }],
                returnType: 'EmmettDecider<State, Command, Event>',
                statements: [
                    'return {',
                    '    decide: (command, state) => {',
                    '        const result = decider.decide(command, state);',
                    '        if (isRejection(result)) throw new RejectionError(result);',
                    '        return result;',
                    '    },',
                    '    evolve: decider.evolve,',
                    '    initialState: decider.initialState',
                    '};'
                ].join('\n')
            }
        ]
    };
}
