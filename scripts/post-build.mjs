// Makes the built CLI entry executable, so `npx backchain` and the bin link run it directly.
import fs from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
fs.chmodSync(entry, 0o755);
