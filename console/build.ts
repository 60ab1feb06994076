/**
 * `npm run build:console`: generates the typed client from the OpenAPI document, type-checks the console
 * against it (so a contract change breaks the build), bundles it into console/dist and reports the size
 * of its JavaScript, gzipped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { bundleConsole, CONSOLE_DIST } from './bundle.js';
import { generateClientTypes } from './generate-client.js';

/** The budget for the console's JavaScript. */
const MAX_GZIPPED_SCRIPT_BYTES = 150 * 1024;

await generateClientTypes();
try {
  execFileSync(
    process.execPath,
    [fileURLToPath(import.meta.resolve('typescript/bin/tsc')), '-p', 'console'],
    {
      stdio: 'inherit',
    },
  );
} catch {
  console.error('the console does not type-check against the OpenAPI document (above)');
  process.exit(1);
}
const { script } = bundleConsole(CONSOLE_DIST);
const gzipped = gzipSync(readFileSync(script), { level: 9 }).length;
console.log(`console built in ${CONSOLE_DIST}: app.js ${(gzipped / 1024).toFixed(1)} KB gzipped`);
if (gzipped > MAX_GZIPPED_SCRIPT_BYTES) {
  console.error(`the console's JavaScript is over ${MAX_GZIPPED_SCRIPT_BYTES / 1024} KB gzipped`);
  process.exit(1);
}
