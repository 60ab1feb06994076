/**
 * `npm run receiver -- --port <port> --secret <whsec_...>`: a seller's webhook receiver on 127.0.0.1, as
 * small as one can be. It verifies each delivery's Standard Webhooks signature with the `standardwebhooks`
 * verifier (as any receiver should), refuses a bad one with 400, skips a `webhook-id` it has seen (at least
 * once means sometimes twice), and prints one line per event: sequence, type, return, version, id.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { ReturnEventSchema } from '../../domain/events/return-event.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '4000' }, secret: { type: 'string' } },
});
if (!values.secret) {
  console.error('usage: npm run receiver -- --port <port> --secret <the endpoint signing secret>');
  process.exit(2);
}
const verifier = new Webhook(values.secret);
const seen = new Set<string>();

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    try {
      const event = ReturnEventSchema.parse(verifier.verify(body, req.headers as Record<string, string>));
      res.statusCode = 200;
      if (seen.has(event.id)) return;
      seen.add(event.id);
      const { sequence, type, returnId, version, id } = event;
      console.log(`verified #${sequence} ${type.padEnd(24)} return ${returnId} v${version} ${id}`);
    } catch (error) {
      res.statusCode = 400;
      console.log(`refused: ${(error as Error).message}`);
    } finally {
      res.end();
    }
  });
});
server.listen(Number(values.port), '127.0.0.1', () =>
  console.log(`receiver listening on http://127.0.0.1:${values.port}, verifying signatures`),
);
const stop = () => server.close(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
