import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EasyPostCarrier } from '../../../functions/adapters/easypost/easypost-carrier.js';
import { buildLambdaBundle } from '../../../infra/build-lambda-bundle.js';
import { SUPERAGENT_STUBS } from '../../../infra/constructs/lambda-bundling.js';
import { REPO_ROOT } from '../../../infra/repo-root.js';
import {
  startEasyPostStandIn,
  type EasyPostStandIn,
} from '../../../infra/local/stand-ins/easypost/easypost-stand-in.js';
import { easyPostLabelRequest, storedLabel } from '../../support/easypost-label-request.js';

/**
 * The EasyPost adapter as Lambda runs it: bundled with the deployed esbuild settings, which put stubs in
 * place of superagent's multipart, media-type, query-string and debug modules. The other EasyPost tests
 * import the sources (the real modules); this one proves the stubbed bundle still orders, buys, reads
 * back and voids a label through the real SDK against the stand-in.
 */
let standIn: EasyPostStandIn;
let dir: string;
let metafile: Metafile;
let Carrier: typeof EasyPostCarrier;
const controlFile = join(tmpdir(), `easypost-bundled-${randomUUID()}.json`);

beforeAll(async () => {
  await writeFile(controlFile, '{}');
  standIn = await startEasyPostStandIn({ controlFile });
  dir = await mkdtemp(join(tmpdir(), 'easypost-bundle-'));
  const outfile = join(dir, 'easypost-carrier.mjs');
  metafile = await buildLambdaBundle(REPO_ROOT, 'functions/adapters/easypost/easypost-carrier.ts', outfile);
  ({ EasyPostCarrier: Carrier } = (await import(pathToFileURL(outfile).href)) as {
    EasyPostCarrier: typeof EasyPostCarrier;
  });
});
afterAll(async () => {
  await standIn.stop();
  await rm(dir, { recursive: true, force: true });
  await rm(controlFile, { force: true });
});

describe('the EasyPost adapter, bundled as deployed', () => {
  it('carries the stubs, not the modules they replace', () => {
    const inputs = Object.keys(metafile.inputs);
    for (const [moduleName, stub] of Object.entries(SUPERAGENT_STUBS)) {
      expect(inputs, moduleName).toContain(stub.replace(/^\.\//, ''));
      expect(
        inputs.filter((path) => path.startsWith(`node_modules/${moduleName}/`)),
        moduleName,
      ).toEqual([]);
    }
  });

  it('orders and buys a label (JSON POSTs and a GET), once, and voids it', async () => {
    const carrier = new Carrier({
      apiKey: `EZTK${randomUUID().replace(/-/g, '')}`,
      apiBase: standIn.apiBase,
    });
    const req = easyPostLabelRequest({ rma: 'RMA-BUNDL-00001' });
    const order = await carrier.orderLabel(req);
    const label = await carrier.createLabel({ ...req, order });

    const shipment = standIn.ledger().shipments.find((s) => s.id === order.shipmentId)!;
    // The same label the sources buy (easypost-carrier.test.ts): UPS Ground at 7.99, tracked by EasyPost.
    expect([label.shipmentId, label.carrier, label.service, label.cost, label.trackingNumber]).toEqual([
      shipment.id,
      'ups',
      'Ground',
      { amount: 799, currency: 'USD' },
      shipment.tracking_code,
    ]);
    expect(standIn.ledger().purchases.filter((p) => p.reference === req.returnId)).toHaveLength(1);
    // Bought already: the retry reads the shipment back (a GET) and buys nothing more.
    expect(await carrier.createLabel({ ...req, order })).toEqual(label);
    expect(standIn.ledger().purchases.filter((p) => p.reference === req.returnId)).toHaveLength(1);

    expect(await carrier.voidLabel(storedLabel(label))).toEqual({ status: 'REFUNDED' });
  });
});
