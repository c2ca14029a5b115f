/**
 * A fresh, isolated folder per run: code-server's user data and extensions, Chromium's profile,
 * XDG_* and TMPDIR all point inside it, so nothing is written to `~` and runs never see each
 * other's state. The workspace is a copy of the fixtures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_DIR, FIXTURE_WORKSPACE } from './paths.js';

export interface RunFolder {
    root: string;
    workspace: string;
    userDataDir: string;
    extensionsDir: string;
    tmp: string;
    /** Environment for code-server (inherited by its extension host and the language server). */
    env: NodeJS.ProcessEnv;
}

/** VS Code user settings for a quiet, deterministic workbench. */
const USER_SETTINGS = {
    'workbench.startupEditor': 'none',          // the welcome page would swallow the first key press
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'security.workspace.trust.enabled': false,
    'update.mode': 'none',
    'git.enabled': false,
    'editor.hover.delay': 300,
    'files.autoSave': 'off'
};

export function createRunFolder(name: string): RunFolder {
    const runsDir = path.join(CACHE_DIR, 'runs');
    fs.mkdirSync(runsDir, { recursive: true });
    // Only the last run of each kind is kept, for looking at after a failure.
    const root = path.join(runsDir, name);
    fs.rmSync(root, { recursive: true, force: true });
    const dirs = {
        workspace: path.join(root, 'workspace'),
        userDataDir: path.join(root, 'user-data'),
        extensionsDir: path.join(root, 'extensions'),
        tmp: path.join(root, 'tmp'),
        xdg: path.join(root, 'xdg')
    };
    for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
    fs.cpSync(FIXTURE_WORKSPACE, dirs.workspace, { recursive: true });
    fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
    fs.writeFileSync(path.join(dirs.userDataDir, 'User/settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
    const env: NodeJS.ProcessEnv = {
        ...process.env,
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
        XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
        XDG_CACHE_HOME: path.join(dirs.xdg, 'cache')
    };
    return { root, workspace: dirs.workspace, userDataDir: dirs.userDataDir, extensionsDir: dirs.extensionsDir, tmp: dirs.tmp, env };
}
