/**
 * How model names become TypeScript identifiers and output files. The generator writes exactly
 * these names and the validator rejects models whose names would clash in them, so both import
 * this one module.
 */
import { Aggregate, Query, ReadModel } from './generated/ast.js';

/**
 * `BankAccount` -> `bank-account`, `HTTPServer` -> `http-server`, `order_item2` -> `order-item2`.
 * One pass over the characters: a word starts at a capital after a lower-case letter or digit, or
 * at the last capital of a run followed by a lower-case letter; `_` and white space separate.
 * (The regular expressions this replaces backtracked quadratically on a long run of capitals.)
 */
export function kebabCase(name: string): string {
    let result = '';
    let inSeparator = false;
    for (let i = 0; i < name.length; i++) {
        const char = name[i];
        if (!isUpper(char) && !isLowerOrDigit(char) && (char === '_' || /\s/.test(char))) {
            if (!inSeparator) result += '-';
            inSeparator = true;
            continue;
        }
        inSeparator = false;
        if (isUpper(char) && i > 0) {
            const previous = name[i - 1];
            const next = name[i + 1];
            if (isLowerOrDigit(previous) || (isUpper(previous) && next !== undefined && isLower(next))) result += '-';
        }
        result += char.toLowerCase();
    }
    return result;
}

function isUpper(char: string): boolean {
    return char >= 'A' && char <= 'Z';
}

function isLower(char: string): boolean {
    return char >= 'a' && char <= 'z';
}

function isLowerOrDigit(char: string): boolean {
    return isLower(char) || (char >= '0' && char <= '9');
}

/** `BankAccount` -> `bankAccount`, `HTTPServer` -> `httpServer`. */
export function camelCase(name: string): string {
    const leadingCaps = /^[A-Z]+(?=[A-Z][a-z]|$|[0-9_])/.exec(name)?.[0];
    if (leadingCaps && leadingCaps.length > 1) {
        return leadingCaps.toLowerCase() + name.slice(leadingCaps.length);
    }
    return name.charAt(0).toLowerCase() + name.slice(1);
}

export function isPascalCase(name: string): boolean {
    return /^[A-Z][A-Za-z0-9]*$/.test(name);
}

/** `bank_account` -> `BankAccount`, `openAccount` -> `OpenAccount`. */
export function pascalCase(name: string): string {
    return name
        .split(/[_\-\s]+/)
        .filter(part => part.length > 0)
        .map(part => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
}

/** The folder of a context inside the output directory. */
export function contextFolder(contextName: string): string {
    return kebabCase(contextName);
}

/** Files every context folder has; no element may map onto them. */
export const FIXED_CONTEXT_FILES = ['index', 'types', 'queries', 'policies', 'scenarios'] as const;

/**
 * The file (without `.ts`) an element's generated code lives in, for the element types that get
 * a file of their own (by AST type name, so it works on index entries without loading nodes).
 */
export function generatedFileOf(type: string, name: string): string | undefined {
    if (type === Aggregate.$type) return kebabCase(name);
    if (type === ReadModel.$type) return `${kebabCase(name)}.projection`;
    return undefined;
}

/**
 * Type-level identifiers the generator derives from an element's name (`BankAccountState`,
 * `GetAccountSummaryResult`), by AST type; each lands in the context's `index.ts`.
 */
export const DERIVED_TYPE_SUFFIXES: Readonly<Record<string, readonly string[]>> = {
    [Aggregate.$type]: ['State', 'Command', 'Event', 'Rejection'],
    [ReadModel.$type]: ['Event'],
    [Query.$type]: ['Result', 'Handler']
};

/**
 * Words that cannot name a type, an interface or a union in TypeScript: reserved and strict-mode
 * words plus the built-in type keywords (`type string = …` does not compile).
 */
export const TYPESCRIPT_RESERVED_WORDS: ReadonlySet<string> = new Set([
    'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do',
    'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in',
    'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw', 'true', 'try',
    'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package',
    'private', 'protected', 'public', 'static', 'yield', 'await', 'any', 'boolean', 'number',
    'string', 'symbol', 'bigint', 'object', 'never', 'unknown', 'undefined', 'type', 'keyof',
    'readonly', 'infer', 'is', 'asserts', 'unique', 'declare', 'namespace', 'module', 'abstract',
    'as', 'async', 'constructor', 'from', 'get', 'set', 'of', 'require', 'global', 'satisfies'
]);

/**
 * Global names the generated code itself uses; a model element with one of these names would
 * shadow it inside the generated module and break the output.
 */
export const GLOBALS_USED_BY_GENERATED_CODE: ReadonlySet<string> = new Set([
    'Array', 'ReadonlyArray', 'Readonly', 'Record', 'Partial', 'Required', 'Pick', 'Omit',
    'Extract', 'Exclude', 'Promise', 'Error', 'Object', 'String', 'Number', 'Boolean', 'Date',
    'JSON', 'Math', 'Symbol', 'Map', 'Set', 'NonNullable', 'ReturnType', 'Parameters',
    // The support types every generated file may import from the shared `eventloom.ts`.
    'Decimal', 'Timestamp', 'IsoDate', 'Uuid', 'CommandMetadata', 'EventMetadata', 'StoredEvent', 'Rejection',
    'AnyRejection', 'DecisionContext', 'Decider', 'Projection', 'PolicyContext', 'EmmettDecider', 'RejectionError'
]);
