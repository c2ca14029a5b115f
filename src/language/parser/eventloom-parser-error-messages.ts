/**
 * Parser errors in words: what was expected at this point of the model, the way the language
 * itself talks ("a field (`name: Type`), `emits` or `rejects`"), instead of chevrotain's token
 * lists. The range of an error stays the parser's: the unexpected token.
 */
import type { IParserErrorMessageProvider, IToken, TokenType } from 'chevrotain';

const PRIMITIVES = ['string', 'int', 'float', 'decimal', 'boolean', 'timestamp', 'date', 'uuid'];
const DECLARATIONS = ['enum', 'type', 'aggregate', 'readmodel', 'query', 'policy', 'scenario'];
const AGGREGATE_MEMBERS = ['id', 'state', 'command', 'event', 'error'];

const FIELD = 'a field (`name: Type`)';
const TYPE = `a type (${PRIMITIVES.join(', ')}, or the name of an enum or type)`;
const VALUE = 'a value (a string in quotes, a number, true or false, an enum member, a list `[ … ]` or an object `{ … }`)';
const DECLARATION = `a declaration (${DECLARATIONS.map(code).join(', ')})`;
const AGGREGATE_MEMBER = `a member (${AGGREGATE_MEMBERS.map(code).join(', ')})`;

/** Why a single expected token is needed, by rule (the rule chevrotain was parsing). */
const FIELDS_OR_CLOSE = `${FIELD} or \`}\``;
const MISMATCH_HINTS: Record<string, Record<string, string>> = {
    Aggregate: { '}': `${AGGREGATE_MEMBER} or \`}\` to close the aggregate` },
    Command: { '}': `${FIELD}, \`emits\`, \`rejects\` or \`}\` to close the command` },
    ReadModel: { '}': `${FIELD}, \`key\`, \`on\` or \`}\` to close the read model` },
    Policy: { '}': '`on`, `issues` or `}` to close the policy' },
    ValueType: { '}': FIELDS_OR_CLOSE },
    State: { '}': FIELDS_OR_CLOSE },
    Event: { '}': FIELDS_OR_CLOSE },
    DomainError: { '}': FIELDS_OR_CLOSE },
    Query: { '}': FIELDS_OR_CLOSE, returns: '`returns` and the read model the query answers with' },
    ObjectLiteral: { '}': 'a field value (`name: value`) or `}`' },
    Field: { ':': '`:` between the field name and its type (`name: Type`)' },
    StreamId: { ':': '`:` between the id name and its type (`id accountId: uuid`)' },
    ReadModelKey: { ':': '`:` between the key name and its type (`key accountId: uuid`)' },
    FieldValue: { ':': '`:` between the field name and its value (`name: value`)' },
    Enum: { '}': '`,` between enum members, or `}` to close the enum' },
    ListLiteral: { ']': '`,` between list items, or `]` to close the list' },
    Scenario: {
        '}': '`}` to close the scenario (a scenario is `given …`, `when …`, then `then …`)',
        when: '`when` and the command the scenario runs',
        STRING: 'the description of the scenario in quotes (`scenario "cannot overdraw" { … }`)'
    },
    ContextDeclaration: { ID: 'the name of the context (`context Banking`)' }
};

export class EventloomParserErrorMessageProvider implements IParserErrorMessageProvider {

    buildMismatchTokenMessage({ expected, actual, ruleName }: { expected: TokenType; actual: IToken; previous: IToken; ruleName: string }): string {
        const hint = MISMATCH_HINTS[plainRule(ruleName)]?.[expected.name];
        return `Expected ${hint ?? describeToken(expected)} here, but found ${found(actual)}.`;
    }

    buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken; ruleName: string }): string {
        if (firstRedundant.tokenType.name === 'context') {
            return 'A file has one `context` line, followed by its declarations: remove this one, or put the declarations of that context in a file of their own.';
        }
        return `Expected ${DECLARATION} here, but found ${found(firstRedundant)}.`;
    }

    buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        return describeAlternatives(expectedPathsPerAlt.flat(), actual);
    }

    buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken; ruleName: string }): string {
        return describeAlternatives(expectedIterationPaths, actual);
    }
}

/**
 * When the first token fits (`emits` in `command C { emits }`), the token after it is the
 * problem: say what must follow it. Otherwise say what may start here.
 */
function describeAlternatives(paths: readonly TokenType[][], actual: readonly IToken[]): string {
    const [first, second] = actual;
    const continuing = paths.filter(path => path.length > 1 && first && path[0].name === first.tokenType.name);
    if (continuing.length > 0) {
        const next = continuing.map(path => path[1]);
        // `:` or `?` would make the keyword a field name; mention them only if nothing else fits.
        let meant = next.filter(token => token.name !== ':' && token.name !== '?');
        if (meant.length === 0) meant = next;
        // Where a name fits, so does any keyword (as a field name): just say "a name".
        if (meant.some(token => token.name === 'ID')) meant = meant.filter(token => token.name === 'ID' || isPunctuation(token.name));
        const names = [...new Set(meant.map(describeToken))];
        return `Expected ${joinOr(names)} after ${code(first.image)}, but found ${found(second)}.`;
    }
    return `Expected ${describePaths(paths)} here, but found ${found(first)}.`;
}

/** Langium suffixes rule names with a zero-width space. */
function plainRule(ruleName: string): string {
    return ruleName.replace(/\u200B/g, '');
}

function code(text: string): string {
    return `\`${text}\``;
}

function found(token: IToken | undefined): string {
    if (!token || token.tokenType.name === 'EOF') return 'the end of the file';
    return code(token.image);
}

function describeToken(token: TokenType): string {
    switch (token.name) {
        case 'ID': return 'a name';
        case 'NUMBER': return 'a number';
        case 'STRING': return 'a string in quotes';
        case 'EOF': return 'the end of the file';
        default: return code(token.name);
    }
}

/**
 * Groups the token sequences the parser could have continued with into what they mean: a field
 * (a name followed by `:` or `?`, or any word that may name a field), a type, a value, a
 * declaration, an aggregate member; the rest as single tokens.
 */
function describePaths(paths: readonly TokenType[][]): string {
    const firsts = new Set(paths.map(path => path[0]?.name).filter((name): name is string => name !== undefined));
    const phrases: string[] = [];
    const covered = new Set<string>();
    const cover = (phrase: string, names: Iterable<string>) => {
        phrases.push(phrase);
        for (const name of names) covered.add(name);
    };

    const hasAll = (names: readonly string[]) => names.every(name => firsts.has(name));
    // With a name among them, the keywords are there because any keyword may name a field.
    if (hasAll(DECLARATIONS) && !firsts.has('ID')) cover(DECLARATION, DECLARATIONS);
    if (hasAll(AGGREGATE_MEMBERS) && !firsts.has('ID')) cover(AGGREGATE_MEMBER, AGGREGATE_MEMBERS);
    if (firsts.has('STRING') && firsts.has('NUMBER')) cover(VALUE, ['STRING', 'NUMBER', 'true', 'false', 'ID', '[', '{', '-']);
    // Any keyword may name a field, so a field's first token is a name or any keyword; the token
    // after it (`:` or `?`) tells a field apart from a clause like `emits X`.
    const fieldStarts = paths.filter(path => path.length === 1 ? (path[0].name === 'ID' || !isPunctuation(path[0].name)) : [':', '?'].includes(path[1].name));
    if (firsts.has('ID') && !covered.has('ID') && firsts.has('aggregate')) {
        cover(FIELD, fieldStarts.map(path => path[0].name));
    } else if (firsts.has('ID') && !covered.has('ID') && hasAll(PRIMITIVES)) {
        cover(TYPE, [...PRIMITIVES, 'ID']);
    }
    for (const path of paths) {
        const name = path[0]?.name;
        if (name === undefined || covered.has(name)) continue;
        // `emits X` after the field alternatives: a clause keyword still to mention.
        if (path.length > 1 && [':', '?'].includes(path[1].name)) continue;
        covered.add(name);
        phrases.push(name === 'ID' ? 'a name' : describeToken(path[0]));
    }
    return joinOr(phrases);
}

function isPunctuation(name: string): boolean {
    return !/^[A-Za-z]/.test(name);
}

function joinOr(phrases: readonly string[]): string {
    if (phrases.length <= 1) return phrases[0] ?? 'something else';
    return `${phrases.slice(0, -1).join(', ')} or ${phrases.at(-1)}`;
}
