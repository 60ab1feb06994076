import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import {
  EasyPostStandInError,
  EasyPostStore,
  ownerOf,
  type EasyPostLedger,
  type StoredShipment,
} from './easypost-store.js';
import { renderLabelPdf } from './label-pdf.js';
import { hmacSignature, trackerUpdatedEvent, webhookBody } from './tracker-event.js';

/**
 * The control file (`.local/easypost.json` under `npm start`), read on every request:
 * - `outage: true`: every API call answers 503;
 * - `failAfterBuy: n`: the next n purchases are made, and then answered with a 500 (the label is bought,
 *   the caller does not know it);
 * - `delayMs: n`: every API answer waits n ms first.
 */
export interface EasyPostControl {
  outage?: boolean;
  failAfterBuy?: number;
  delayMs?: number;
}

export interface EasyPostStandIn {
  /** The SDK's base URL: `http://127.0.0.1:<port>/v2/`. */
  apiBase: string;
  /** The server's root, where labels and the simulator's endpoints live. */
  endpoint: string;
  ledger(): EasyPostLedger;
  /** What the tracker webhooks answered: each delivery's URL and HTTP status. */
  stop(): Promise<void>;
}

/** A tracker delivery's outcome, as the simulator endpoint answers it. */
export interface TrackerDelivery {
  url: string;
  status: number;
  body: string;
}

type Json = Record<string, unknown>;

const readControl = async (file: string | undefined): Promise<EasyPostControl> => {
  if (!file) return {};
  try {
    return JSON.parse(await readFile(file, 'utf8')) as EasyPostControl;
  } catch {
    return {};
  }
};

const readJson = async (req: IncomingMessage): Promise<Json> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new EasyPostStandInError(400, 'BAD_REQUEST', 'the body is not JSON');
  }
};

const send = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** The API key of HTTP Basic auth (EasyPost's: the key as user name, no password). */
const apiKeyOf = (req: IncomingMessage): string => {
  const header = req.headers.authorization ?? '';
  const encoded = header.startsWith('Basic ') ? header.slice(6) : '';
  const key = Buffer.from(encoded, 'base64').toString('utf8').split(':')[0] ?? '';
  if (!key) throw new EasyPostStandInError(401, 'APIKEY.REQUIRED', 'No API key provided.');
  return key;
};

/** A shipment as the API shows it: without the stand-in's owner field. */
const view = ({ owner: _owner, ...shipment }: StoredShipment): Json => shipment;

/**
 * A stand-in for EasyPost's API (`/v2/...`), for `npm start` and tests: the real SDK talks to it through
 * its `baseUrl`. It covers what return labels need (shipments with rates, buy, refund, retrieve,
 * trackers, webhooks), serves each label as a PDF at `/labels/{shipment}.pdf`, and plays the carrier:
 * `POST /_sim/trackers/{tracking code}` with `{"status": "in_transit"}` moves the tracker and sends a
 * signed `tracker.updated` to the owner's webhooks. `GET /_ledger` shows what was bought and refunded.
 */
export const startEasyPostStandIn = async (
  options: { port?: number; stateFile?: string; controlFile?: string } = {},
): Promise<EasyPostStandIn> => {
  const store = new EasyPostStore(options.stateFile);
  let endpoint = '';
  const labelUrl = (shipmentId: string) => `${endpoint}/labels/${shipmentId}.pdf`;

  const api = async (req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> => {
    const control = await readControl(options.controlFile);
    if (control.delayMs) await new Promise((r) => setTimeout(r, control.delayMs));
    if (control.outage) throw new EasyPostStandInError(503, 'SERVICE_UNAVAILABLE', 'EasyPost is unavailable');
    const owner = ownerOf(apiKeyOf(req));
    const body = req.method === 'POST' ? await readJson(req) : {};
    const [resource, resourceId, action] = path;
    if (resource === 'shipments' && req.method === 'POST' && !resourceId) {
      return send(res, 201, view(store.createShipment(owner, (body.shipment ?? {}) as Json)));
    }
    if (resource === 'shipments' && resourceId && req.method === 'GET' && !action) {
      return send(res, 200, view(store.getShipment(owner, resourceId)));
    }
    if (resource === 'shipments' && resourceId && action === 'buy' && req.method === 'POST') {
      const rate = body.rate as { id?: string } | undefined;
      const bought = store.buy(owner, resourceId, String(rate?.id ?? ''), labelUrl);
      if (control.failAfterBuy && control.failAfterBuy > 0 && options.controlFile) {
        await writeFile(
          options.controlFile,
          JSON.stringify({ ...control, failAfterBuy: control.failAfterBuy - 1 }),
        );
        throw new EasyPostStandInError(
          500,
          'INTERNAL_SERVER_ERROR',
          'the label was bought, then the answer was lost',
        );
      }
      return send(res, 200, view(bought));
    }
    if (resource === 'shipments' && resourceId && action === 'refund' && req.method === 'POST') {
      return send(res, 200, view(store.refund(owner, resourceId)));
    }
    if (resource === 'trackers' && req.method === 'GET' && resourceId) {
      const shipment = store
        .ledger()
        .shipments.find((s) => s.owner === owner && s.tracker?.id === resourceId);
      if (!shipment?.tracker)
        throw new EasyPostStandInError(404, 'NOT_FOUND', 'The requested resource could not be found.');
      return send(res, 200, shipment.tracker);
    }
    if (resource === 'webhooks' && req.method === 'POST' && !resourceId) {
      const webhook = (body.webhook ?? {}) as { url?: string; webhook_secret?: string };
      if (!webhook.url || !webhook.webhook_secret) {
        throw new EasyPostStandInError(422, 'WEBHOOK.INVALID', 'url and webhook_secret are required');
      }
      return send(res, 201, {
        object: 'Webhook',
        ...store.registerWebhook(owner, webhook.url, webhook.webhook_secret),
      });
    }
    throw new EasyPostStandInError(404, 'NOT_FOUND', `no such endpoint: ${req.method} /v2/${path.join('/')}`);
  };

  const simulate = async (req: IncomingMessage, res: ServerResponse, trackingCode: string): Promise<void> => {
    const { status, message } = (await readJson(req)) as { status?: string; message?: string };
    if (!status) throw new EasyPostStandInError(400, 'BAD_REQUEST', 'status is required');
    const moved = store.advanceTracker(trackingCode, status, message ?? status.replace(/_/g, ' '));
    const event = trackerUpdatedEvent(moved.shipment, moved.previous);
    const body = webhookBody(event);
    const deliveries: TrackerDelivery[] = [];
    for (const webhook of moved.webhooks) {
      const answer = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hmac-signature': hmacSignature(webhook.secret, body),
        },
        body,
      });
      deliveries.push({ url: webhook.url, status: answer.status, body: await answer.text() });
    }
    send(res, 200, { event, deliveries });
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const handle = async () => {
      if (parts[0] === 'v2') return api(req, res, parts.slice(1));
      if (parts[0] === 'labels' && parts.length === 2 && req.method === 'GET') {
        const shipmentId = parts[1]!.replace(/\.pdf$/, '');
        const shipment = store.ledger().shipments.find((s) => s.id === shipmentId && s.postage_label);
        if (!shipment) throw new EasyPostStandInError(404, 'NOT_FOUND', 'no such label');
        const pdf = await renderLabelPdf({
          rma: shipment.options.print_custom_1 ?? '',
          reference: shipment.reference ?? shipment.id,
          from: shipment.from_address,
          to: shipment.to_address,
          carrier: String(shipment.selected_rate?.carrier),
          service: String(shipment.selected_rate?.service),
          trackingCode: shipment.tracking_code!,
        });
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': pdf.byteLength });
        return void res.end(pdf);
      }
      if (parts[0] === '_sim' && parts[1] === 'trackers' && parts[2] && req.method === 'POST') {
        return simulate(req, res, parts[2]);
      }
      if (parts[0] === '_ledger' && req.method === 'GET') return send(res, 200, store.ledger());
      throw new EasyPostStandInError(404, 'NOT_FOUND', 'not found');
    };
    handle().catch((error: unknown) => {
      if (error instanceof EasyPostStandInError) {
        send(res, error.status, { error: { code: error.code, message: error.message, errors: [] } });
      } else {
        send(res, 500, { error: { code: 'INTERNAL_SERVER_ERROR', message: String(error), errors: [] } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  endpoint = `http://127.0.0.1:${port}`;
  return {
    apiBase: `${endpoint}/v2/`,
    endpoint,
    ledger: () => store.ledger(),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};
