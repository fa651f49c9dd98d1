// Bundles the built CLI entry (scripts/bundle-cli.mjs) and makes it executable, so `npx backchain` and the bin link run it directly.
import fs from 'node:fs';
import { bundleCli } from './bundle-cli.mjs';

await bundleCli();
const entry = new URL('../dist/cli/main.js', import.meta.url);
fs.chmodSync(entry, 0o755);
