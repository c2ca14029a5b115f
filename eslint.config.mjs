// ESLint flat config: typescript-eslint's recommended rules, type-only imports marked as such, and
// the layers of src/ (README, "Layout") as import rules, so that an upward import fails `npm run lint`.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * What each folder may import from the rest of src/ (itself always). The bottom layer first;
 * `protocol` is shared by both ends of every connection, so it imports nothing.
 */
const MIDDLE = ['language', 'semantics', 'protocol', 'polyfills'];
const BELOW_TOP = [...MIDDLE, 'generator', 'preview', 'runtime'];
const LAYERS = {
    polyfills: [],
    protocol: [],
    language: ['polyfills'],
    semantics: ['language', 'polyfills'],
    generator: MIDDLE,
    preview: MIDDLE,
    runtime: MIDDLE,
    // The three programs on top use everything below, never each other: each is its own bundle.
    server: [...BELOW_TOP],
    extension: [...BELOW_TOP],
    cli: [...BELOW_TOP]
};

// A new folder of src/ must be given its place among the layers before it can be linted.
const unplaced = readdirSync(new URL('./src/', import.meta.url), { withFileTypes: true })
    .filter(entry => entry.isDirectory() && !(entry.name in LAYERS)).map(entry => entry.name);
if (unplaced.length > 0) throw new Error(`eslint.config.mjs: give src/${unplaced.join(', src/')} a place in LAYERS (which folders it may import).`);

/** The deepest nesting below a layer folder that the rules cover (src/language/lsp/code-actions/x.ts is 3). */
const MAX_DEPTH = 6;

const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `no-restricted-imports` matches the import text, not the resolved file, so the rule is spelled
 * out per nesting depth: from a file `depth` folders below src/, `../` repeated `depth` times
 * reaches src/, and the folder named next must be one the layer may import.
 */
function importRule(depth, allowedFolders, extra = []) {
    const toSrc = '\\.\\./'.repeat(depth);
    const allowed = allowedFolders.map(escape).join('|');
    return {
        'no-restricted-imports': ['error', {
            patterns: [
                {
                    // The package's own package.json (its version) is the one file above src/ that code may read.
                    regex: `^${toSrc}(?!(${allowed})/|\\.\\./package\\.json$)[^/]+/`,
                    message: `This layer may import only ${allowedFolders.map(folder => `src/${folder}/`).join(', ')} (see README, "Layout").`
                },
                ...extra.map(({ regex, message }) => ({ regex: regex(depth), message }))
            ]
        }]
    };
}

/** A flat-config block per depth for the files of `folder` (a path below src/, e.g. `preview/webview`). */
function layer(folder, allowedFolders, { extra = [], ignores = [] } = {}) {
    const base = folder.split('/').length;
    return Array.from({ length: MAX_DEPTH }, (_, nesting) => ({
        files: [`src/${folder}/${'*/'.repeat(nesting)}*.ts`],
        ignores,
        rules: importRule(base + nesting, allowedFolders, extra.map(rule => ({ ...rule, regex: depth => rule.regex(depth, nesting) })))
    }));
}

/** Bare package imports, for code that runs in the webview (a browser, nothing bundled from npm). */
const NO_PACKAGES = { regex: () => '^[^.]', message: 'Browser code imports only src/protocol/, src/preview/drawing/ and its own folder: no npm package.' };

export default tseslint.config(
    // What .gitignore ignores (build output, caches, bench runs), generated parser code and test fixtures.
    { ignores: ['out/**', 'node_modules/**', '.cache/**', '.bench/**', '.scratch/**', 'test-results/**', 'demo-output/**', 'src/language/generated/**', 'test/fixtures/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        files: ['**/*.ts', '**/*.mts'],
        rules: {
            '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
            // Indentation in a pattern reads better written out than counted (`/^    amount/`).
            'no-regex-spaces': 'off'
        }
    },
    {
        // Plain JavaScript: build scripts, the bin shim and test helpers, all run by Node.
        files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
        languageOptions: {
            globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', __filename: 'readonly', URL: 'readonly' }
        }
    },
    { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
    {
        files: ['test/**/*.ts'],
        // Tests import generated code at run time: its shape is what they assert, not a type they can name.
        rules: { '@typescript-eslint/no-explicit-any': 'off' }
    },
    ...Object.entries(LAYERS).flatMap(([folder, allowed]) => layer(folder, [folder, ...allowed])),
    // The webview is its own program (a browser, its own tsconfig): the protocol, its own folder, and
    // the drawing it shares with the SVG export (pure: neither DOM nor Node), nothing else.
    ...layer('preview/webview', ['protocol'], {
        extra: [
            { regex: (_depth, nesting) => `^${'\\.\\./'.repeat(nesting + 1)}(?!(webview|drawing)/)[^/.][^/]*/`, message: 'The webview imports only src/protocol/, src/preview/drawing/ and its own folder.' },
            NO_PACKAGES
        ]
    }),
    // The drawing is shared by the webview and the SVG export: it may use the protocol and itself only.
    ...layer('preview/drawing', ['protocol'], {
        extra: [
            { regex: (_depth, nesting) => `^${'\\.\\./'.repeat(nesting + 1)}(?!drawing/)[^/.][^/]*/`, message: 'The drawing is shared with the webview: it imports only src/protocol/ and its own folder.' },
            NO_PACKAGES
        ]
    })
);
