#!/usr/bin/env node
// Committed launcher, so npm can link `sluice` into node_modules/.bin before anything is built.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('sluice: not built yet; run `make build` (or `make run`) first\n');
  process.exit(1);
}
await import(main.href);
