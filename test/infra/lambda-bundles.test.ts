import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.js';
import { buildLambdaBundle } from '../../infra/build-lambda-bundle.js';
import { DEFERRED_BUILTINS, SUPERAGENT_STUBS } from '../../infra/constructs/lambda-bundling.js';
import { LAMBDA_ENTRIES } from '../../infra/lambda-entries.js';
import { REPO_ROOT } from '../../infra/repo-root.js';

/**
 * The most any function's minified bundle may weigh, in KB: the largest bundle of today plus a little
 * room. The largest are the event functions (OutboxStream and OutboxSweeper, 561 KB), which carry the
 * conversation's mails and pages in four locales (about 75 KB), the SES v2 client (about 60 KB), the
 * EventBridge client and the KMS client that signs buyer links; a function that only reads the table
 * weighs about 340 KB, of which the DynamoDB client and the SDK's core are about 190 KB. Bundles are
 * deterministic, so a change that pulls in a heavy module fails here, not in Lambda's cold starts. What
 * is left and why is in bench/bundles.ts's figures and the README. Every budget below took 10 KB more
 * for the packing dictionary (functions/adapters/dynamodb/packed-json.ts, 8 KB minified), which every
 * function that stores or reads a return, a feed event or an idempotent answer carries: it halves the
 * write units of each of those writes.
 */
const MAX_BUNDLE_KB = 580;

/**
 * The functions that call Stripe carry its official SDK (the issue asks for it, and it is not
 * tree-shakable: its client registers every resource), about 260 KB minified on top, loaded on first use
 * (functions/shared/dependencies/payments.ts, functions/webhooks/stripe-event-delivery.ts); those that
 * read the Stripe Connect platform's secret (IssueRefund, AddConcession, the Connect webhook) add
 * Powertools' parameters and the Secrets Manager client, about 25 KB. AddConcession, 754 KB today, also
 * honours Idempotency-Key (idempotency and JMESPath, about 40 KB).
 */
const STRIPE_FUNCTIONS: Readonly<Record<string, number>> = {
  IssueRefund: 725,
  StripeWebhook: 710,
  StripeConnectWebhook: 730,
  AddConcession: 770,
};
/**
 * The functions that call a seller's EasyPost connection carry the official SDK and superagent, its HTTP
 * client, about 70 KB more, loaded on first use (functions/adapters/easypost/label-providers.ts);
 * superagent's multipart, media-type, query-string and debug modules, 286 KB that label calls never
 * use, are stubs (infra/constructs/lambda-bundling.ts). Those that close or cancel a return also void
 * labels and mail the buyer: 581 KB for the largest today (AcceptOffer). Their own, higher budget, so
 * that nothing else may grow into it.
 */
const EASYPOST_FUNCTIONS: ReadonlySet<string> = new Set([
  'IssueLabel',
  'CloseUnshipped',
  'CloseReturn',
  'CancelReturn',
  // A person's retry of a label void that failed.
  'RetryLabelVoid',
  'EasyPostWebhook',
  // An accepted keepItem offer voids the label (the relayed answers and the buyer pages' module).
  'AcceptOffer',
  'DeclineOffer',
  'BuyerLinkPage',
  'BuyerLinkAnswer',
]);
const MAX_EASYPOST_BUNDLE_KB = 600;
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
    // Each locale is a file of its own. Their index is only a namespace, a few bytes of wrapper where a
    // module loaded on first use imports zod, with no locale in it.
    for (const { name } of LAMBDA_ENTRIES) {
      expect(
        bundled(
          name,
          /aws-xray-sdk|powertools\/tracer|credential-provider-(node|ini|sso|process|imds)|nested-clients|zod\/v4\/classic|zod\/v4\/locales\/(?!en\.js|index\.js)/,
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

  it('loads node:http at no cold start: only modules loaded on first use require it, through its file', () => {
    const deferred = new Set(Object.values(DEFERRED_BUILTINS).map((path) => path.replace(/^\.\//, '')));
    for (const { name } of LAMBDA_ENTRIES) {
      const { inputs, outputs } = built.get(name)!.metafile;
      const output = Object.values(outputs).find((o) => o.entryPoint)!;
      const atStart = output.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path);
      expect(
        atStart.filter((path) => /^(node:)?http$/.test(path)),
        name,
      ).toEqual([]);
      const importers = Object.entries(inputs).flatMap(([from, input]) =>
        input.imports.filter((i) => deferred.has(i.path)).map(() => from),
      );
      for (const from of importers)
        expect(from, name).toMatch(
          /^node_modules\/(stripe\/esm\/net\/NodeHttpClient\.js|superagent\/|methods\/)/,
        );
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
