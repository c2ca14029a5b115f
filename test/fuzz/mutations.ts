/**
 * Text mutations of a model, as an adversarial user (or a half-finished edit) produces them:
 * token deletions, swaps and insertions, truncations, random bytes, huge identifiers, deep
 * nesting, huge files, line-ending and BOM mixes. Each is a pure function of the text and the
 * random source, so a case is reproduced from its seed.
 */
import type { Random } from './random.js';
import { blockCommentMatcher } from '../../src/language/parser/linear-terminals.js';

export interface MutationLimits {
    /** Characters of a "long" identifier (the issue's attack used 100k). */
    longIdentifier: number;
    /** Levels of a "deep" literal (the issue's attack used 10k). */
    nestingDepth: number;
    /** Bytes a "huge" file grows to (the issue's attack used 5 MB). */
    hugeFile: number;
}

export const FULL_LIMITS: MutationLimits = { longIdentifier: 100_000, nestingDepth: 10_000, hugeFile: 5_000_000 };
/** `npm test`'s: as the issue's attacks, except the huge file, 1 MB to keep the run short. */
export const BOUNDED_LIMITS: MutationLimits = { ...FULL_LIMITS, hugeFile: 1_000_000 };

export interface Mutation {
    name: string;
    weight: number;
    apply(text: string, random: Random, limits: MutationLimits): string;
}

/**
 * Tokens as a user sees them: words, numbers, strings, comments, white space, single symbols. A
 * block comment (`/*` up to the first `*\/`) is matched by the language's own linear matcher: as
 * a regex alternative (/\/\*[\s\S]*?\*\//) it searched for the end afresh at every `/*`, so a
 * huge file of comments that nothing closes (seed 20261204, edit 822: 384,000 copies of
 * `v /* Shared [`) took the fuzzer itself many minutes to cut into tokens (each `/*` a scan to the end of the file)
 * while the server sat idle: the "stall" of the long run's part a.
 */
const TOKEN_BUT_BLOCK_COMMENT = /\s+|[A-Za-z_]\w*|-?\d+(?:\.\d+)?|"(?:\\.|[^"\\\n])*"|\/\/[^\n]*|[\s\S]/y;

export function tokens(text: string): string[] {
    const parts: string[] = [];
    const blockComment = blockCommentMatcher();
    for (let at = 0; at < text.length;) {
        TOKEN_BUT_BLOCK_COMMENT.lastIndex = at;
        const token = blockComment(text, at, [], {})?.[0] ?? TOKEN_BUT_BLOCK_COMMENT.exec(text)![0];
        parts.push(token);
        at += token.length;
    }
    return parts;
}

function isSpace(token: string): boolean {
    return /^\s+$/.test(token);
}

/** Indexes of the tokens that are not white space. */
function solidIndexes(parts: readonly string[]): number[] {
    return parts.flatMap((token, index) => (isSpace(token) ? [] : [index]));
}

const KEYWORDS = [
    'context', 'enum', 'type', 'aggregate', 'id', 'state', 'command', 'emits', 'rejects', 'event', 'version',
    'error', 'readmodel', 'key', 'on', 'query', 'returns', 'policy', 'issues', 'scenario', 'given', 'when',
    'then', 'rejected', 'true', 'false', 'string', 'int', 'decimal', 'uuid', 'timestamp', 'requires', 'else',
    'upcast', 'from', 'expect', 'no', 'now', 'newId', 'delete', 'if', 'reads', 'and', 'or', 'not', 'in', 'contains', 'count'
];
const SYMBOLS = ['{', '}', '[', ']', '(', ')', ',', ':', '.', '?', '=', '"', '/*', '*/', '//', '\n', '+=', '-=', '==', '??', '<=', '-', '*', '+'];

function randomToken(random: Random, parts: readonly string[]): string {
    const roll = random.next();
    if (roll < 0.35) return random.pick(KEYWORDS);
    if (roll < 0.7) return random.pick(SYMBOLS);
    if (roll < 0.8) return String(random.int(-5, 100_000));
    if (roll < 0.85) return '"text"';
    const words = parts.filter(token => /^[A-Za-z_]/.test(token));
    return words.length > 0 ? random.pick(words) : 'Name';
}

function spliced(text: string, at: number, remove: number, insert: string): string {
    return text.slice(0, at) + insert + text.slice(at + remove);
}

function onTokens(text: string, random: Random, change: (parts: string[], solid: number[]) => void): string {
    const parts = tokens(text);
    const solid = solidIndexes(parts);
    if (solid.length === 0) return text;
    change(parts, solid);
    return parts.join('');
}

function identifier(random: Random, length: number): string {
    const style = random.int(0, 3);
    if (style === 0) return 'X'.repeat(length);
    if (style === 1) return 'x'.repeat(length);
    if (style === 2) return 'Ab'.repeat(Math.ceil(length / 2)).slice(0, length);
    return `A${'_'.repeat(length - 2)}Z`;
}

export const MUTATIONS: readonly Mutation[] = [
    {
        name: 'delete a token', weight: 20,
        apply: (text, random) => onTokens(text, random, (parts, solid) => { parts[random.pick(solid)] = ''; })
    },
    {
        name: 'delete a run of tokens', weight: 6,
        apply: (text, random) => onTokens(text, random, (parts, solid) => {
            const start = random.int(0, solid.length - 1);
            for (const index of solid.slice(start, start + random.int(2, 8))) parts[index] = '';
        })
    },
    {
        // Names after keywords are what partial ASTs lack most often: a `when` without its command.
        name: 'delete a name after a keyword', weight: 10,
        apply: (text, random) => onTokens(text, random, (parts, solid) => {
            const afterKeyword = solid.filter((index, i) => i > 0 && /^[A-Za-z_]/.test(parts[index]) && KEYWORDS.includes(parts[solid[i - 1]]));
            if (afterKeyword.length > 0) parts[random.pick(afterKeyword)] = '';
        })
    },
    {
        name: 'swap two tokens', weight: 12,
        apply: (text, random) => onTokens(text, random, (parts, solid) => {
            const a = random.pick(solid);
            const b = random.pick(solid);
            [parts[a], parts[b]] = [parts[b], parts[a]];
        })
    },
    {
        name: 'duplicate a token', weight: 8,
        apply: (text, random) => onTokens(text, random, (parts, solid) => {
            const from = random.pick(solid);
            const to = random.pick(solid);
            parts[to] = `${parts[from]} ${parts[to]}`;
        })
    },
    {
        name: 'insert a token', weight: 16,
        apply: (text, random) => onTokens(text, random, (parts, solid) => {
            const at = random.pick(solid);
            parts[at] = `${randomToken(random, parts)} ${parts[at]}`;
        })
    },
    {
        name: 'replace a token', weight: 10,
        apply: (text, random) => onTokens(text, random, (parts, solid) => { parts[random.pick(solid)] = randomToken(random, parts); })
    },
    {
        name: 'truncate', weight: 8,
        apply: (text, random) => text.slice(0, random.int(0, text.length))
    },
    {
        name: 'delete a line', weight: 6,
        apply: (text, random) => {
            const lines = text.split('\n');
            lines.splice(random.int(0, lines.length - 1), 1);
            return lines.join('\n');
        }
    },
    {
        name: 'duplicate a line', weight: 4,
        apply: (text, random) => {
            const lines = text.split('\n');
            const at = random.int(0, lines.length - 1);
            lines.splice(random.int(0, lines.length), 0, lines[at]);
            return lines.join('\n');
        }
    },
    {
        name: 'random characters', weight: 5,
        apply: (text, random) => {
            const alphabet = ['\u0000', '\u0001', '\t', '\r', '\u00e9', '\u202e', '\ud83d\ude00', '\ud800', '\\', '`', '@', '#', '$', '%', '^', '&', '|', '~', ';', '\'', '<', '>'];
            const insert = Array.from({ length: random.int(1, 6) }, () => random.pick(alphabet)).join('');
            return spliced(text, random.int(0, text.length), random.int(0, 3), insert);
        }
    },
    {
        name: 'a very long identifier', weight: 3,
        apply: (text, random, limits) => onTokens(text, random, (parts, solid) => {
            const names = solid.filter(index => /^[A-Za-z_]/.test(parts[index]));
            parts[random.pick(names.length > 0 ? names : solid)] = identifier(random, limits.longIdentifier);
        })
    },
    {
        name: 'a deeply nested literal', weight: 3,
        apply: (text, random, limits) => {
            const depth = limits.nestingDepth;
            const [open, close] = random.pick([['[', ']'], ['{ a: ', ' }'], ['(', ')']] as const);
            const nested = `${open.repeat(depth)}1${close.repeat(random.chance(0.5) ? depth : random.int(0, depth))}`;
            const at = text.search(/=\s*|:\s*\{|\{\s*\w+:/);
            return spliced(text, at >= 0 ? at + 1 : random.int(0, text.length), 0, ` ${nested} `);
        }
    },
    {
        name: 'a huge file', weight: 1,
        apply: (text, random, limits) => {
            if (text.length === 0) return 'context Huge\n'.repeat(Math.ceil(limits.hugeFile / 13));
            // Copies of the model with renamed declarations, so the names stay distinct.
            const copies: string[] = [];
            let size = 0;
            for (let i = 0; size < limits.hugeFile; i++) {
                const copy = text.replace(/\b([A-Z]\w*)/g, `$1${i}`);
                copies.push(i === 0 ? copy : copy.replace(/^\s*context\s+\w+/m, ''));
                size += copy.length;
            }
            return copies.join('\n');
        }
    },
    {
        name: 'line endings and BOMs', weight: 5,
        apply: (text, random) => {
            const choice = random.int(0, 4);
            if (choice === 0) return text.replace(/\n/g, '\r\n');
            if (choice === 1) return text.replace(/\n/g, () => random.pick(['\n', '\r\n', '\r']));
            if (choice === 2) return `\uFEFF${text}`;
            if (choice === 3) return spliced(text, random.int(0, text.length), 0, '\uFEFF');
            return `\uFEFF${text.replace(/\n/g, '\r')}`;
        }
    },
    {
        name: 'empty file', weight: 1,
        apply: (_text, random) => random.pick(['', ' ', '\n', '\uFEFF', 'context', '/*', '"'])
    }
];

/** One to three mutations of a text, named in the order applied. */
export function mutate(text: string, random: Random, limits: MutationLimits): { text: string; applied: string[] } {
    const applied: string[] = [];
    let current = text;
    const rounds = random.chance(0.6) ? 1 : random.int(2, 3);
    for (let i = 0; i < rounds; i++) {
        const mutation = random.weighted(MUTATIONS);
        current = mutation.apply(current, random, limits);
        applied.push(mutation.name);
    }
    return { text: current, applied };
}
