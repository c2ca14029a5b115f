/**
 * Regeneration without losing work: merges a freshly generated file with the version on disk.
 * The new file is the base (generated part, signatures, stubs); ts-morph parses both to find the
 * functions tagged `@handwritten`, and every such function the old file has keeps its old body,
 * byte for byte. The user's own statements below the "Hand-written" line (imports, helpers) are
 * kept as written. Tagged functions whose element is gone move, commented out, to the file's
 * "Obsolete" section; nothing the user wrote is ever deleted. Merging a file with itself changes
 * nothing, so regenerating from the same model is byte-identical.
 *
 * A stub the user never touched is not user code: the writer remembers the hash of every stub body
 * as generated (`stubs`), and a function whose body still has that hash gives way to what the model
 * now says (a new stub, or a generated body) and disappears silently with its element. So the
 * obsolete warning and the "kept your body" report only ever speak of code someone wrote.
 */
import { createHash } from 'node:crypto';
import type { FunctionDeclaration, Project, SourceFile } from 'ts-morph';
import { loadTsMorph } from './load-ts-morph.js';
import {
    HANDWRITTEN_BANNER, HANDWRITTEN_MARKER, HANDWRITTEN_TAG, OBSOLETE_BANNER, OBSOLETE_FILE_HEADER, OBSOLETE_MARKER
} from './file-layout.js';

export interface MergedFile {
    text: string;
    /** Functions of this file that became obsolete in this merge (their element is gone). */
    obsolete: string[];
    /** Hand-written functions the model now determines: the user's code is kept in place of the generated one. */
    kept?: string[];
    /** Hash of the body of each hand-written function of `text` that is still the stub as generated. */
    stubs: Record<string, string>;
}

/** Hashes of the stub bodies as Eventloom wrote them last time, by function name (from the manifest). */
export type StubHashes = Readonly<Record<string, string>>;

/** Created on the first merge that needs a parser: most runs write every file as generated. */
let parser: Project | undefined;

/**
 * `printedStubs`: the stub bodies of `generated` as printed (`GeneratedFile.stubs`), when known;
 * a file written as generated (new, or untouched since) then needs no parser at all.
 */
export function mergeGeneratedFile(generated: string, existing: string | undefined, stubHashes: StubHashes = {}, printedStubs?: Readonly<Record<string, string>>): MergedFile {
    if (!generated.includes(HANDWRITTEN_MARKER)) return { text: generated, obsolete: [], stubs: {} };
    if (printedStubs && (existing === undefined || existing === generated)) {
        return { text: generated, obsolete: [], stubs: stubsOf(new Map(Object.entries(printedStubs)), new Map()) };
    }
    const fresh = parse('/generated.ts', generated);
    const freshFunctions = handwrittenFunctions(fresh);
    const freshBodies = new Map(freshFunctions.map(fn => [fn.getName()!, fn.getBody()?.getText() ?? ''] as const));
    if (existing === undefined || existing === generated) {
        fresh.forget();
        return { text: generated, obsolete: [], stubs: stubsOf(freshBodies, new Map()) };
    }
    const old = readUserCode(existing, stubHashes);
    // A function the user wrote that the model now determines: the user's function stays, tag and
    // all, in place of the generated one; removing its @handwritten tag hands it back.
    const takenOver = fresh.getFunctions().filter(fn => !isHandwritten(fn) && fn.getName() !== undefined && old.bodies.has(fn.getName()!));
    const takenOverNames = takenOver.map(fn => fn.getName()!);
    const freshNames = new Set([...freshFunctions.map(fn => fn.getName()!), ...takenOverNames]);

    // Splice the user's bodies into the new text, and put the user's own statements back before
    // the function they preceded; from the end, so earlier offsets stay valid.
    let text = generated;
    const placed = new Set<UserChunk>();
    for (const fn of [...takenOver].reverse()) {
        if (fn.getStart(true) < (freshFunctions[0]?.getStart(true) ?? Infinity)) {
            const kept = old.functions.find(candidate => candidate.name === fn.getName())!;
            text = text.slice(0, fn.getStart(true)) + kept.fullText + text.slice(fn.getEnd());
        }
    }
    // Offsets after the first replacement moved: re-read the functions the user owns.
    const spliced = takenOver.length > 0 ? parse('/spliced.ts', text) : fresh;
    const owned = takenOver.length > 0 ? handwrittenFunctions(spliced).filter(fn => !takenOverNames.includes(fn.getName()!)) : freshFunctions;
    for (const fn of [...owned].reverse()) {
        const body = old.bodies.get(fn.getName()!);
        const block = fn.getBody();
        if (body !== undefined && block) text = text.slice(0, block.getStart()) + body + text.slice(block.getEnd());
        const chunk = old.chunks.find(candidate => candidate.before === fn.getName());
        if (chunk) {
            const start = fn.getStart(true);
            const gapStart = start - /\s*$/.exec(text.slice(0, start))![0].length;
            text = text.slice(0, gapStart) + chunk.text + chunk.gapAfter + text.slice(start);
            placed.add(chunk);
        }
    }
    fresh.forget();
    if (spliced !== fresh) spliced.forget();

    const trailing = old.chunks.filter(chunk => !placed.has(chunk)).map(chunk => chunk.text).join('');
    const obsolete = old.functions.filter(fn => !freshNames.has(fn.name));
    const entries = [...old.obsoleteEntries, ...obsolete.map(fn => obsoleteEntry(fn.name, fn.text))];
    return {
        text: assemble(text, trailing, entries), obsolete: obsolete.map(fn => fn.name), kept: takenOverNames,
        stubs: stubsOf(freshBodies, old.bodies)
    };
}

/** The stubs that stay as generated: every fresh hand-written function whose body the user's did not replace. */
function stubsOf(freshBodies: ReadonlyMap<string, string>, userBodies: ReadonlyMap<string, string>): Record<string, string> {
    const stubs: Record<string, string> = {};
    for (const [name, body] of freshBodies) {
        if (!userBodies.has(name) || userBodies.get(name) === body) stubs[name] = hashOf(body);
    }
    return stubs;
}

function hashOf(body: string): string {
    return createHash('sha256').update(body).digest('hex');
}

/**
 * A file whose model element is gone: what the user wrote in it, commented out under a header,
 * so the project still compiles and nothing is lost. Undefined when the file holds no user code.
 */
export function obsoleteFile(existing: string, stubHashes: StubHashes = {}): string | undefined {
    if (existing.startsWith(OBSOLETE_FILE_HEADER)) return existing;
    if (!existing.includes(HANDWRITTEN_MARKER)) return undefined;
    const old = readUserCode(existing, stubHashes);
    const userStatements = old.chunks.map(chunk => chunk.text).join('');
    if (old.functions.length === 0 && !userStatements.trim() && old.obsoleteEntries.length === 0) return undefined;
    const entries = [
        ...old.functions.map(fn => obsoleteEntry(fn.name, fn.text)),
        ...(userStatements.trim() ? [obsoleteEntry('your own code', userStatements.trim())] : []),
        ...old.obsoleteEntries
    ];
    return [
        OBSOLETE_FILE_HEADER,
        '// What you wrote in it is kept below, commented out. Move what you still need, then delete this file.',
        '',
        ...entries
    ].join('\n').trimEnd() + '\n';
}

/**
 * The user's own statements (imports, helpers) below the banner, with their comments and the
 * whitespace before them: a run of them before a hand-written function stays before it, a run
 * after the last one stays at the end.
 */
interface UserChunk {
    text: string;
    /** The hand-written function that followed them; undefined for the run at the end. */
    before?: string;
    /** The whitespace between the run and that function. */
    gapAfter: string;
}

interface UserCode {
    bodies: Map<string, string>;
    functions: Array<{ name: string; text: string; fullText: string }>;
    chunks: UserChunk[];
    /** The already commented-out entries of the Obsolete section. */
    obsoleteEntries: string[];
}

/** What the user wrote in a file; functions whose body is still the stub as generated (`stubHashes`) are not theirs. */
function readUserCode(existing: string, stubHashes: StubHashes): UserCode {
    if (existing.startsWith(OBSOLETE_FILE_HEADER)) {
        // The element came back: everything the obsolete file kept stays, as obsolete entries.
        const kept = existing.slice(existing.indexOf('\n') + 1).replace(/^\/\/ What you wrote in it is kept below.*\n/, '').trim();
        return { bodies: new Map(), functions: [], chunks: [], obsoleteEntries: kept ? [`${kept}\n`] : [] };
    }
    const obsoleteStart = lineStart(existing, OBSOLETE_MARKER);
    const code = obsoleteStart === -1 ? existing : existing.slice(0, obsoleteStart);
    const obsoleteSection = obsoleteStart === -1 ? '' : existing.slice(obsoleteStart);
    const file = parse('/existing.ts', code);
    // Without the banner (deleted by hand), the user's part starts at the first hand-written function.
    let bannerEnd = endOfBanner(code);
    if (bannerEnd === -1) bannerEnd = handwrittenFunctions(file)[0]?.getPos() ?? -1;
    const bodies = new Map<string, string>();
    const functions: Array<{ name: string; text: string; fullText: string }> = [];
    const chunks: UserChunk[] = [];
    let pending = '';
    let pendingEnd = 0;
    for (const statement of file.getStatements()) {
        if (loadTsMorph().Node.isFunctionDeclaration(statement) && isHandwritten(statement) && statement.getName() && statement.getBody()) {
            const name = statement.getName()!;
            const body = statement.getBody()!.getText();
            if (stubHashes[name] !== hashOf(body)) {
                bodies.set(name, body);
                functions.push({ name, text: statement.getText(), fullText: statement.getText(true) });
            }
            if (pending) chunks.push({ text: pending, before: statement.getName()!, gapAfter: code.slice(pendingEnd, statement.getStart(true)) });
            pending = '';
        } else if (bannerEnd !== -1 && statement.getStart() >= bannerEnd) {
            pending += code.slice(Math.max(statement.getPos(), bannerEnd), statement.getEnd());
            pendingEnd = statement.getEnd();
        }
    }
    if (pending) chunks.push({ text: pending, gapAfter: '' });
    file.forget();
    return { bodies, functions, chunks, obsoleteEntries: obsoleteEntriesOf(obsoleteSection) };
}

function assemble(generated: string, userStatements: string, obsoleteEntries: string[]): string {
    let text = generated.trimEnd() + '\n';
    if (userStatements.trim()) text += userStatements.replace(/^\n*/, '\n').trimEnd() + '\n';
    if (obsoleteEntries.length > 0) text += `${OBSOLETE_BANNER}\n\n${obsoleteEntries.map(entry => entry.trimEnd()).join('\n\n')}\n`;
    return text;
}

function obsoleteEntry(name: string, code: string): string {
    const lines = code.split('\n').map(line => (line.length === 0 ? '//' : `// ${line}`));
    return [`// @obsolete ${name}: its model element was removed or renamed.`, ...lines].join('\n') + '\n';
}

/** The entries of an Obsolete section, each starting at its `// @obsolete` line. */
function obsoleteEntriesOf(section: string): string[] {
    if (!section) return [];
    const banner = OBSOLETE_BANNER.trimStart();
    const afterBanner = section.startsWith(banner) ? section.slice(banner.length) : section.slice(section.indexOf('\n') + 1);
    const entries = afterBanner.split(/\n(?=\/\/ @obsolete )/).map(entry => entry.trim()).filter(entry => entry.length > 0);
    return entries.map(entry => `${entry}\n`);
}

function handwrittenFunctions(file: SourceFile): FunctionDeclaration[] {
    return file.getFunctions().filter(fn => isHandwritten(fn) && fn.getName() !== undefined);
}

function isHandwritten(fn: FunctionDeclaration): boolean {
    return fn.getJsDocs().some(doc => doc.getTags().some(tag => tag.getTagName() === HANDWRITTEN_TAG));
}

function parse(path: string, text: string): SourceFile {
    parser ??= new (loadTsMorph().Project)({ useInMemoryFileSystem: true, compilerOptions: { allowJs: false } });
    return parser.createSourceFile(path, text, { overwrite: true });
}

/** Offset of the start of the line that begins with `marker`, or -1. */
function lineStart(text: string, marker: string): number {
    if (text.startsWith(marker)) return 0;
    const index = text.indexOf(`\n${marker}`);
    return index === -1 ? -1 : index + 1;
}

function endOfBanner(text: string): number {
    const banner = HANDWRITTEN_BANNER.trimStart();
    const full = text.indexOf(banner);
    if (full !== -1) return full + banner.length;
    const marker = lineStart(text, HANDWRITTEN_MARKER);
    if (marker === -1) return -1;
    const lineEnd = text.indexOf('\n', marker);
    return lineEnd === -1 ? text.length : lineEnd;
}
