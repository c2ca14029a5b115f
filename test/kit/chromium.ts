/**
 * Debian's Chromium for the tests that run the webview in a browser: installed when missing (by
 * the real-editor set-up, `--browser-only`), launched headless. Where it cannot be installed (no
 * root, no apt), such a test is skipped with the reason; under CI=true that is a failure instead.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from './paths.js';

export const CHROMIUM_BIN = '/usr/bin/chromium';
/** Installing Chromium with apt takes a minute or two on a fresh machine. */
export const CHROMIUM_INSTALL_TIMEOUT = 10 * 60_000;
/** Flags every launch needs here: root in a container, no GPU, a small /dev/shm. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];

const SETUP_IMPOSSIBLE = 3;
let installed: { ok: true } | { ok: false; reason: string } | undefined;

/**
 * Makes sure Chromium is there, installing it if need be. Returns undefined when it is, else why
 * it cannot be (the caller skips); throws under CI=true, where a missing browser is a failure.
 */
export function ensureChromium(): string | undefined {
    installed ??= install();
    if (installed.ok) return undefined;
    if (process.env.CI === 'true') throw new Error(`CI=true: the Chromium tests must run, but ${installed.reason}`);
    return installed.reason;
}

function install(): { ok: true } | { ok: false; reason: string } {
    if (existsSync(CHROMIUM_BIN)) return { ok: true };
    const setup = spawnSync('bash', [path.join(REPO_ROOT, 'test/real-editor/setup-editor.sh'), '--browser-only'], { cwd: REPO_ROOT, encoding: 'utf8' });
    if (setup.status === 0 && existsSync(CHROMIUM_BIN)) return { ok: true };
    const said = `${setup.stdout ?? ''}${setup.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ');
    const reason = `${CHROMIUM_BIN} is missing and could not be installed (${setup.status === SETUP_IMPOSSIBLE ? 'impossible here' : `exit ${setup.status}`}): ${said}`;
    return { ok: false, reason };
}

/**
 * For a suite's `before` hook: installs Chromium if needed (with time for it), or skips the suite
 * saying why (a failure under CI=true).
 */
export function requireChromium(context: Mocha.Context): void {
    context.timeout(CHROMIUM_INSTALL_TIMEOUT);
    const missing = ensureChromium();
    if (missing) {
        console.warn(`      skipped: ${missing}`);
        context.skip();
    }
}

export async function launchChromium(): Promise<Browser> {
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS });
}
