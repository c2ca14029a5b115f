#!/usr/bin/env node
// Runs the bundled CLI; `npm run build` creates out/cli.cjs.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'out', 'cli.cjs');
if (!fs.existsSync(bundle)) {
    process.stderr.write('eventloom: the CLI is not built yet: run `npm run build` in ' + path.dirname(__dirname) + '\n');
    process.exit(2);
}
require(bundle);
