import { buildSync } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The built console, as `npm start` serves it (git-ignored). */
export const CONSOLE_DIST = join(here, 'dist');

/** Where the console's files are served from, beside `/v1/*` on the same origin. */
export const CONSOLE_ASSET_PREFIX = 'console';

/**
 * Bundles the console into `outDir` as the deployed origin holds it: `index.html` at the root, the script
 * and the stylesheet under `console/`. Synchronous, so CDK's local bundling can call it at synth; it type-
 * checks nothing (build.ts does, against the client generated from the OpenAPI document).
 */
export const bundleConsole = (outDir: string): { script: string; stylesheet: string } => {
  const out = resolve(outDir);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, CONSOLE_ASSET_PREFIX), { recursive: true });
  const script = join(out, CONSOLE_ASSET_PREFIX, 'app.js');
  buildSync({
    entryPoints: [join(here, 'src', 'main.tsx')],
    outfile: script,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    // Nothing from the build machine's environment may reach the bundle.
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const stylesheet = join(out, CONSOLE_ASSET_PREFIX, 'app.css');
  copyFileSync(join(here, 'src', 'styles.css'), stylesheet);
  copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
  return { script, stylesheet };
};
