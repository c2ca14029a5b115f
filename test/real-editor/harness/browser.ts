/** Debian's Chromium, driven by playwright-core, headless, with a throw-away profile. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../kit/chromium.js';
import { CHROMIUM_BIN } from './paths.js';
import type { RunFolder } from './run-folder.js';

export interface Browser {
    context: BrowserContext;
    page: Page;
    close(): Promise<void>;
}

export async function launchBrowser(run: RunFolder): Promise<Browser> {
    const profile = fs.mkdtempSync(path.join(run.tmp, 'chromium-profile-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_BIN,
        headless: true,
        viewport: { width: 1440, height: 900 },
        env: run.env as Record<string, string>,
        args: [...CHROMIUM_ARGS, '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync']
    });
    const page = context.pages()[0] ?? await context.newPage();
    return {
        context,
        page,
        // Closing the context ends Chromium and all its helper processes.
        close: async () => {
            await context.close().catch(() => undefined);
            fs.rmSync(profile, { recursive: true, force: true });
        }
    };
}
