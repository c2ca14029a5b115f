/** Where the real-editor harness finds its tools and keeps its per-run state (all git-ignored). */
import * as path from 'node:path';
import { REPO_ROOT } from '../../kit/paths.js';

export const CODE_SERVER_VERSION = '4.100.3';
export { REPO_ROOT } from '../../kit/paths.js';
export { CHROMIUM_BIN } from '../../kit/chromium.js';
export const CACHE_DIR = path.join(REPO_ROOT, '.cache/real-editor');
export const CODE_SERVER_BIN = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`, 'node_modules/.bin/code-server');
/** Fixture workspace; each run works on a fresh copy, so tests may edit and create files. */
export const FIXTURE_WORKSPACE = path.join(REPO_ROOT, 'test/real-editor/fixtures/workspace');
/** Models with deliberate mistakes, copied into a run's workspace only where a test wants them. */
export const FIXTURE_MODELS = path.join(REPO_ROOT, 'test/real-editor/fixtures/models');
/** The in-host suite, bundled by `build-suite.mjs` for the extension host. */
export const SUITE_ENTRY = path.join(REPO_ROOT, 'out/test/real-editor/index.cjs');
export const VSIX_PATH = path.join(REPO_ROOT, 'out/eventloom.vsix');
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots');
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results');
