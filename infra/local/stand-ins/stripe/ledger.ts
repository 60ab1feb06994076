import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** A refund as Stripe's API shows it (the fields our adapter and tests read, and a few more). */
export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge: string | null;
  payment_intent: string | null;
  status: 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';
  failure_reason?: string;
  metadata: Record<string, string>;
  reason: null;
  created: number;
}

/** What Stripe keeps of an idempotent request: the parameters it came with and the answer it got. */
export interface IdempotencyRecord {
  path: string;
  params: string;
  status: number;
  body: unknown;
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  secret: string;
  enabled_events: string[];
}

/** One account's state; an account is a secret key, as in Stripe test mode. */
export interface StripeAccount {
  refunds: StripeRefund[];
  /** By Idempotency-Key. */
  idempotency: Record<string, IdempotencyRecord>;
  endpoints: WebhookEndpoint[];
  /** PaymentIntents created here, with their amount: refunds of them are checked against it. */
  payments: Record<string, { amount: number; currency: string }>;
  /** The Idempotency-Key each refund was made under, by refund id. */
  refundKeys: Record<string, string>;
  /** Every event sent, in order. */
  events: Array<{ id: string; type: string; refund: string; status: string }>;
}

export const stripeId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The stand-in's books, per account, in memory and (when given a file) on disk after every change, so a
 * local runtime killed mid-request finds on its restart what "Stripe" did before it died.
 */
export class StripeLedger {
  private readonly accounts: Record<string, StripeAccount>;

  constructor(private readonly file?: string) {
    this.accounts = file ? readAccounts(file) : {};
  }

  account(secretKey: string): StripeAccount {
    return (this.accounts[secretKey] ??= {
      refunds: [],
      idempotency: {},
      endpoints: [],
      payments: {},
      refundKeys: {},
      events: [],
    });
  }

  /** Every account's refunds, with the Idempotency-Key each was made under (for tests and demos). */
  refunds(): Array<StripeRefund & { idempotencyKey?: string }> {
    return Object.values(this.accounts).flatMap((account) =>
      account.refunds.map((refund) => ({ ...refund, idempotencyKey: account.refundKeys[refund.id] })),
    );
  }

  save(): void {
    if (!this.file) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.accounts));
    renameSync(temporary, this.file);
  }
}

const readAccounts = (file: string): Record<string, StripeAccount> => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, StripeAccount>;
  } catch {
    return {};
  }
};
