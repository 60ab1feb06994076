/**
 * Module hooks of the cost probe (bench/cost-probe.ts): a handler module that the local runtime
 * (anything under `infra/local/`) imports from `functions/` is given in a wrapper that times each call
 * of its `handler` and names the function for the DynamoDB calls it makes. The handler module itself is
 * loaded unchanged, once, under its own URL.
 */
import type { LoadHook, ResolveHook } from 'node:module';
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const WRAPPED = '?cost-probe-handler';
const root = pathToFileURL(`${realpathSync(process.cwd())}/`).href;

export const resolve: ResolveHook = async (specifier, context, next) => {
  const resolved = await next(specifier, context);
  const fromRuntime = context.parentURL?.startsWith(`${root}infra/local/`) ?? false;
  const handlerModule = resolved.url.startsWith(`${root}functions/`) && resolved.url.endsWith('.ts');
  return fromRuntime && handlerModule ? { ...resolved, url: `${resolved.url}${WRAPPED}` } : resolved;
};

export const load: LoadHook = async (url, context, next) => {
  if (!url.endsWith(WRAPPED)) return next(url, context);
  const original = JSON.stringify(url.slice(0, -WRAPPED.length));
  const name = JSON.stringify(url.slice(`${root}functions/`.length, -WRAPPED.length - '.ts'.length));
  return {
    format: 'module',
    shortCircuit: true,
    source: [
      `import * as original from ${original};`,
      `export * from ${original};`,
      `export const handler = typeof original.handler === 'function'`,
      `  ? globalThis.__costProbeHandler(${name}, original.handler)`,
      `  : original.handler;`,
    ].join('\n'),
  };
};
