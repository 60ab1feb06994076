import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';

/**
 * The stand-in's failure modes, from its control file (`.local/stripe.json` under `npm start`), read on
 * every refund request:
 * - `decline`: a 402 card_error (`card_declined`), and no refund;
 * - `pending`: the refund is `pending`, and `succeeded` after `seconds` (a refund.updated event);
 * - `fail-after-success`: the refund `succeeded`, and `failed` after `seconds` (refund.updated and
 *   refund.failed, failure_reason `expired_or_canceled_card`);
 * - `error-after-refund`: the refund is made, and the answer is a 500 (kept for the key, as Stripe does);
 * - `timeout-after-refund`: the refund is made, and the answer never comes (the client times out);
 * - `outage`: a 503 before anything was made (not kept for the key: a retry with it goes through);
 * - `crash-after-refund`: the refund is made, then the process is killed before it answers (for the
 *   end-to-end test of a crash between Stripe and our write; the stand-in runs inside `npm start`).
 * `times: n` applies the mode to the next n requests only; `seconds` defaults to 2.
 */
export const STRIPE_MODES = [
  'succeed',
  'decline',
  'pending',
  'fail-after-success',
  'error-after-refund',
  'timeout-after-refund',
  'outage',
  'crash-after-refund',
] as const;
export type StripeMode = (typeof STRIPE_MODES)[number];

export interface StripeControl {
  mode?: StripeMode;
  times?: number;
  seconds?: number;
}

/** The mode for this request, counting `times` down in the file (read, then replaced by a rename). */
export const takeMode = async (file: string | undefined): Promise<{ mode: StripeMode; seconds: number }> => {
  const control = file ? await readControl(file) : {};
  const mode = control.mode ?? 'succeed';
  const seconds = control.seconds ?? 2;
  if (!STRIPE_MODES.includes(mode))
    throw new Error(`Stripe stand-in control file: unknown mode ${String(mode)}`);
  if (mode === 'succeed' || control.times === undefined || !file) return { mode, seconds };
  if (control.times <= 0) return { mode: 'succeed', seconds };
  const left = control.times - 1;
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify(left > 0 ? { ...control, times: left } : { mode: 'succeed' }));
  await rename(temporary, file);
  return { mode, seconds };
};

const readControl = async (file: string): Promise<StripeControl> => {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const control: unknown = JSON.parse(text);
  if (control === null || typeof control !== 'object' || Array.isArray(control)) {
    throw new Error(`Stripe stand-in control file ${file} must hold a JSON object`);
  }
  return control as StripeControl;
};
