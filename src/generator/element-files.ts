/**
 * Where each model element's generated TypeScript lives, and the names of the functions whose
 * bodies the user writes: the generator and the index use these, the merge matches on them.
 */
import type { Aggregate, Command, Event, Policy, ReadModel } from '../language/generated/ast.js';
import { aggregateOf, contextNameOf } from '../language/model-queries.js';
import { camelCase, contextFolder, generatedFileOf } from '../language/typescript-names.js';

export function aggregateFile(aggregate: Aggregate): string {
    return generatedFileOf(aggregate.$type, aggregate.name)!;
}

export function projectionFile(readModel: ReadModel): string {
    return generatedFileOf(readModel.$type, readModel.name)!;
}

/** The import specifier, from a file in `fromContext`'s folder, of another generated file. */
export function importPath(fromContext: string, toContext: string, file: string): string {
    return fromContext === toContext ? `./${file}.js` : `../${contextFolder(toContext)}/${file}.js`;
}

/** Where a command or event type is declared: its aggregate's file, in its own context. */
export function messageModule(message: Command | Event, fromContext: string): string {
    const aggregate = aggregateOf(message)!;
    return importPath(fromContext, contextNameOf(aggregate), aggregateFile(aggregate));
}

export const handwrittenNames = {
    decide: (command: Command) => `decide${command.name}`,
    evolve: (event: Event) => `evolve${event.name}`,
    projectionHandler: (readModel: ReadModel, event: Event) => `${camelCase(readModel.name)}On${event.name}`,
    policy: (policy: Policy) => camelCase(policy.name)
};

/** `value.name`, or `value["odd-name"]` for a name that is not an identifier. */
export function access(value: string, name: string): string {
    return /^[A-Za-z_$][\w$]*$/.test(name) ? `${value}.${name}` : `${value}[${JSON.stringify(name)}]`;
}
