import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.js';
import { buildLambdaBundle } from '../../infra/build-lambda-bundle.js';
import { SUPERAGENT_STUBS } from '../../infra/constructs/lambda-bundling.js';
import { LAMBDA_ENTRIES } from '../../infra/lambda-entries.js';
import { REPO_ROOT } from '../../infra/repo-root.js';

/**
 * The most any function's minified bundle may weigh, in KB: the largest bundle of today plus a little
 * room (PostMessage and MakeOffer, 632 KB, which mint buyer links and mail them: every function
 * that writes a return carries the deadline engine, its calendars and rules, about 22 KB, and the
 * lifecycle's replacement handlers and mails, about 2 KB). Bundles are
 * deterministic, so a change that pulls in a heavy module fails here, not in Lambda's cold starts. What
 * is left and why is in bench/bundles.ts's figures and the README. Every function that renders mail
 * carries the conversation's mails and pages in four locales too (about 25 KB), and the two that mint
 * buyer links the KMS client (about 9 KB).
 */
const MAX_BUNDLE_KB = 640;

/**
 * The functions that call Stripe carry its official SDK (the issue asks for it, and it is not
 * tree-shakable: its client registers every resource), about 240 KB minified on top; those that read
 * the Stripe Connect platform's secret (IssueRefund, AddConcession, the Connect webhook) add Powertools'
 * parameters and the Secrets Manager client, about 12 KB.
 */
const STRIPE_FUNCTIONS: Readonly<Record<string, number>> = {
  IssueRefund: 865,
  StripeWebhook: 840,
  StripeConnectWebhook: 865,
  AddConcession: 760,
};
/**
 * The functions that call a seller's EasyPost connection carry the official SDK and superagent, its HTTP
 * client, about 110 KB more (superagent's multipart, media-type, query-string and debug modules, 286 KB
 * that label calls never use, are stubs: infra/constructs/lambda-bundling.ts), and those that close or
 * cancel a return also void labels and mail the buyer: 682 KB for the largest today. Their own, higher
 * budget, so that nothing else may grow into it.
 */
const EASYPOST_FUNCTIONS: ReadonlySet<string> = new Set([
  'IssueLabel',
  'CloseUnshipped',
  'CloseReturn',
  'CancelReturn',
  'EasyPostWebhook',
  // An accepted keepItem offer voids the label (the relayed answers and the buyer pages' module).
  'AcceptOffer',
  'DeclineOffer',
  'BuyerLinkPage',
  'BuyerLinkAnswer',
]);
const MAX_EASYPOST_BUNDLE_KB = 750;
const budgetOf = (name: string): number =>
  STRIPE_FUNCTIONS[name] ?? (EASYPOST_FUNCTIONS.has(name) ? MAX_EASYPOST_BUNDLE_KB : MAX_BUNDLE_KB);

const outdir = mkdtempSync(join(tmpdir(), 'lambda-bundles-'));
const built = new Map<string, { kb: number; modules: string[]; metafile: Metafile }>();

beforeAll(async () => {
  for (const { name, entry } of LAMBDA_ENTRIES) {
    const outfile = join(outdir, `${name}.mjs`);
    const metafile: Metafile = await buildLambdaBundle(REPO_ROOT, entry, outfile);
    const inputs = Object.values(metafile.outputs).find((o) => o.entryPoint)!.inputs;
    const modules = Object.entries(inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    built.set(name, { kb: statSync(outfile).size / 1024, modules, metafile });
  }
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const bundled = (name: string, pattern: RegExp): string[] =>
  built.get(name)!.modules.filter((path) => pattern.test(path));

describe('Lambda bundles', () => {
  it.each(LAMBDA_ENTRIES.map((e) => e.name))(`%s is within its budget, minified`, (name) => {
    expect(built.get(name)!.kb).toBeLessThanOrEqual(budgetOf(name));
  });

  it('bundles the Stripe SDK only into the functions that call Stripe', () => {
    for (const { name } of LAMBDA_ENTRIES) {
      expect(bundled(name, /node_modules\/stripe\//).length > 0, name).toBe(name in STRIPE_FUNCTIONS);
    }
  });

  it('bundles no X-Ray SDK, no credential chain beyond the environment, and no zod classic or locale but English', () => {
    for (const { name } of LAMBDA_ENTRIES) {
      expect(
        bundled(
          name,
          /aws-xray-sdk|powertools\/tracer|credential-provider-(node|ini|sso|process|imds)|nested-clients|zod\/v4\/classic|zod\/v4\/locales\/(?!en\.js)/,
        ),
        name,
      ).toEqual([]);
    }
  });

  it('bundles the EasyPost SDK only into the functions that call a connection', () => {
    for (const { name } of LAMBDA_ENTRIES) {
      expect(bundled(name, /@easypost\/api/).length > 0, name).toBe(EASYPOST_FUNCTIONS.has(name));
    }
  });

  it('bundles the stubs of unused modules only where superagent imports them, never the modules themselves', () => {
    const stubs = new Set(Object.values(SUPERAGENT_STUBS).map((path) => path.replace(/^\.\//, '')));
    for (const { name } of LAMBDA_ENTRIES) {
      const { inputs } = built.get(name)!.metafile;
      const importers = Object.entries(inputs).flatMap(([from, input]) =>
        input.imports.filter((i) => stubs.has(i.path)).map(() => from),
      );
      for (const from of importers)
        expect(from, name).toMatch(/^(node_modules\/superagent\/|functions\/shared\/bundle-stubs\/)/);
      const replaced = Object.keys(SUPERAGENT_STUBS).map((m) => `node_modules/${m}/`);
      expect(
        Object.keys(inputs).filter((path) => replaced.some((r) => path.startsWith(r))),
        name,
      ).toEqual([]);
    }
  });

  it('bundles idempotency and JMESPath only into the POST routes, which honour Idempotency-Key', () => {
    for (const route of API_ROUTES) {
      const found = bundled(route.name, /powertools\/(idempotency|jmespath)\//);
      if (route.method === 'POST' && route.auth === 'seller') expect(found, route.name).not.toEqual([]);
      else expect(found, route.name).toEqual([]);
    }
  });
});
