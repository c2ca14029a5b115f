/**
 * Small, patient helpers over the VS Code web workbench's DOM. The first key presses after load
 * can be lost while the workbench restores, so opening the palette retries instead of sleeping.
 */
import type { Locator, Page } from 'playwright-core';

export class Workbench {
    constructor(readonly page: Page) {}

    async waitUntilLoaded(): Promise<void> {
        await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    }

    explorerItem(name: string): Locator {
        return this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    }

    /** Opens a file from the explorer by double-click, as a user does, and waits for its tab. */
    async openFromExplorer(name: string): Promise<void> {
        await this.explorerItem(name).waitFor({ timeout: 60_000 });
        await this.explorerItem(name).dblclick();
        await this.activeTab(name).waitFor({ timeout: 20_000 });
        await this.page.mouse.move(900, 500);   // no explorer hover tooltip in the screenshots
    }

    activeTab(name: string): Locator {
        return this.page.locator('.tabs-container .tab.active', { hasText: name });
    }

    languageStatus(): Locator {
        return this.page.locator('#status\\.editor\\.mode');
    }

    quickInput(): Locator {
        return this.page.locator('.quick-input-widget input');
    }

    quickInputRow(text: string): Locator {
        return this.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    }

    async openCommandPalette(): Promise<Locator> {
        const input = this.quickInput();
        for (let attempt = 0; attempt < 10; attempt++) {
            await this.page.keyboard.press('F1');
            if (await input.isVisible().catch(() => false) || await input.waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false)) return input;
            await this.page.keyboard.press('Escape');
        }
        throw new Error('the command palette did not open');
    }

    /** Runs a palette command by its full label, e.g. `Eventloom: New Model from Template`. */
    async runCommand(label: string): Promise<void> {
        const input = await this.openCommandPalette();
        await input.fill('>' + label);
        const row = this.quickInputRow(label);
        await row.waitFor({ timeout: 10_000 });
        await row.click();
    }

    problemsPanel(): Locator {
        return this.page.locator('.markers-panel');
    }

    problemRow(text: string): Locator {
        return this.page.locator('.markers-panel .monaco-list-row', { hasText: text }).first();
    }

    /** The visible lines of the active editor (VS Code renders spaces as no-break spaces). */
    async editorText(): Promise<string> {
        return (await this.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    }
}

/** Polls `check` until it holds; throws with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check().catch(() => false)) return;
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    throw new Error(`timed out after ${timeoutMs / 1000}s waiting until ${what}`);
}
