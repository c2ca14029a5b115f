/** The CLI's `--version`: the package's own version (bundled into out/cli.cjs at build time). */
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
