import type { OutboxEvent, Return, Status } from './return.js';
import type { GroupBy, ReturnAnalytics } from './return-analytics.js';
import type { StoredPolicy, Policy, ReturnAddress } from './policy.js';
import type { Marketplace } from './marketplaces.js';
import type { Money } from './money.js';
import type { Carrier } from './carriers/carriers.js';
import type { FreightPayer } from './label-terms.js';
import type { WebhookEndpoint } from './webhooks/webhook-endpoint.js';
import type { WebhookDelivery, WebhookDeliveryView } from './webhooks/webhook-delivery.js';
import type { PaymentReference } from './payment-reference.js';
import type { Address } from './address.js';
import type { LabelPreferences } from './label-preferences.js';
import type { Parcel } from './parcel.js';
import type { Label, LabelOrder, LabelVoid } from './return.js';
import type { ConnectionSecrets, ConnectionSettings, IntegrationProvider } from './integrations.js';

/**
 * Every port the use cases need from the outside world, in one place: storage, mail, the clock, payments,
 * labels, the pipeline, the carriers' webhook secrets and the sellers' connections to outside services. Adapters in functions/adapters implement them,
 * and test/support/in-memory/ has an in-memory one of each that use-case tests run on; the domain never
 * knows which.
 */
export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

export interface ReturnRepository {
  /** A return by id within one seller; undefined when it does not exist or is another seller's. */
  get(sellerId: string, id: string): Promise<Return | undefined>;
  /** Writes a new return; fails if the id exists. */
  create(ret: Return): Promise<void>;
  /**
   * Writes `next` only if the stored version is still `next.version - 1`; otherwise throws
   * ConcurrencyConflictError and writes nothing.
   */
  update(next: Return): Promise<void>;
  /**
   * One seller's returns, newest first: all of them, or those in one status, for one order or with one
   * RMA number (at most one of the three); or, soonest first, by their next deadline (due before an
   * instant, overdue or not as of `asOf`). A cursor works only for the seller and filter it came from.
   */
  list(sellerId: string, query: ReturnListQuery): Promise<Page<Return>>;
  /**
   * Which return a carrier tracking number belongs to, whichever seller's it is (carriers know no
   * seller). May lag a just-issued label (an index read); read it with `get` before deciding anything.
   */
  findByTrackingNumber(trackingNumber: string): Promise<{ sellerId: string; id: string } | undefined>;
}

/** A seller's return counters (domain/return-analytics.ts), kept by the return repository's writes. */
export interface AnalyticsReader {
  /** Days are UTC dates (YYYY-MM-DD), `from` to `to` inclusive. */
  report(sellerId: string, range: { from: string; to: string; groupBy: GroupBy }): Promise<ReturnAnalytics>;
}

export interface ReturnListQuery {
  status?: Status;
  orderId?: string;
  rma?: string;
  /** Returns whose next deadline is before this instant. */
  dueBefore?: string;
  /** Returns whose next deadline has passed (true) or not (false) as of `asOf`. */
  overdue?: boolean;
  /** The clock the deadline listing reads `overdue` by (now when absent). */
  asOf?: string;
  cursor?: string;
  limit: number;
}

export interface Seller {
  sellerId: string;
  name: string;
  email: string;
  /** The locale for e-mails to the seller. */
  locale: string;
  status: 'ACTIVE' | 'SUSPENDED';
  createdAt: string;
}

export interface ApiKeyRecord {
  keyId: string;
  sellerId: string;
  /** SHA-256 of the key's secret part, hex. */
  secretHash: string;
  status: 'ACTIVE' | 'REVOKED';
  createdAt: string;
}

/** A key record as the authorizer reads it: with its seller's status, so one read decides a request. */
export interface ApiKeyGrant extends ApiKeyRecord {
  sellerStatus: Seller['status'];
}

export interface SellerRepository {
  get(sellerId: string): Promise<Seller | undefined>;
  put(seller: Seller): Promise<void>;
  /** Every seller, by id (for the admin tool). */
  listSellers(): Promise<Seller[]>;
  getApiKey(keyId: string): Promise<ApiKeyGrant | undefined>;
  /** Creates or replaces a key record; a revocation is a put with status REVOKED. */
  putApiKey(key: ApiKeyRecord): Promise<void>;
  /** One seller's keys, active and revoked, oldest first. */
  listApiKeys(sellerId: string): Promise<ApiKeyRecord[]>;
}

export interface PolicyRepository {
  get(sellerId: string, marketplace: Marketplace): Promise<StoredPolicy | undefined>;
  list(sellerId: string): Promise<StoredPolicy[]>;
  /** Conditional on `expectedVersion` (0 = must not exist yet). */
  put(sellerId: string, policy: Policy, expectedVersion: number, now: string): Promise<StoredPolicy>;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export interface Clock {
  now(): Date;
}

/**
 * Remembers which notifications went out, so that each is sent once per event however often the step
 * that sends it runs. A claim is a lease: it lapses after a while unless confirmed, so a sender that
 * died mid-way does not silence the notification for good.
 */
export interface NotificationLedger {
  /**
   * True when the caller may send `id` now: nobody sent it, and nobody holds a live claim on it. An id
   * is `<returnId>#<kind>` (notify-once.ts' notificationId): the ledger keeps a return's together.
   */
  claim(id: string): Promise<boolean>;
  /** The notification went out: it is never sent again. `sent` is what the return page shows of it. */
  confirm(id: string, sent?: NotificationRecord): Promise<void>;
  /** Sending failed: let the next attempt claim it at once. */
  release(id: string): Promise<void>;
  /** The notifications a return's ledger records as sent (confirmed with a record), oldest first. */
  sentFor(returnId: string): Promise<SentNotification[]>;
}

/** What is kept of a sent notification, for the return page: never its body. */
export interface NotificationRecord {
  kind: string;
  recipient: 'buyer' | 'seller';
  /** The language it was written in. */
  locale: string;
  subject: string;
}

export type SentNotification = NotificationRecord & { sentAt: string };

// --- Payments -------------------------------------------------------------------------------------
/**
 * The payment provider that pays refunds and concessions back to the buyer's original payment method.
 * Like real providers, it takes an idempotency key: a second request with the same key pays nothing
 * more and answers with the first payment. Everything we send derives its key from the return, so a
 * retried, duplicated or crashed step can never pay twice.
 */
export interface PaymentRequest {
  /** Derived from the return: `<returnId>-refund` (`-2`, ... for a later attempt), or the concession's id. */
  idempotencyKey: string;
  sellerId: string;
  returnId: string;
  rma: string;
  orderId: string;
  amount: Money;
  kind: 'REFUND' | 'CONCESSION';
  /** The order's payment, which the money goes back to; without one only a person can pay it. */
  payment?: PaymentReference;
}

export type PaymentResult =
  /** The provider took it: COMPLETED once the money moved, IN_PROGRESS while it settles (an event ends it). */
  | { status: 'COMPLETED' | 'IN_PROGRESS'; providerRef: string }
  /** The provider made the refund and it failed (Stripe `failed` or `canceled`), with why. */
  | { status: 'FAILED'; providerRef: string; failureReason: string }
  /** No provider can pay it (no payment connection, or no payment reference): the seller pays by hand. */
  | { status: 'MANUAL' };

export interface PaymentPort {
  /**
   * Pays once per key. Throws PaymentDeclinedError when the provider refuses it for good (a card error,
   * an amount above what is left, a key reused with other parameters, a key it does not accept); any
   * other error (the network, a rate limit, the provider's own 5xx) may be retried with the same key.
   */
  pay(request: PaymentRequest): Promise<PaymentResult>;
}

// --- Labels ---------------------------------------------------------------------------------------
export interface LabelRequest {
  returnId: string;
  rma: string;
  carrier: Carrier;
  returnAddress: ReturnAddress;
  paidBy: FreightPayer;
  /** For the label's cost: the marketplace's currency. */
  currency: Money['currency'];
  marketplace: Marketplace;
  /** Where the parcel starts: the buyer's address (a label provider refuses a request without it). */
  fromAddress?: Address;
  parcel: Parcel;
  preferred?: LabelPreferences['preferred'];
  /** The shipment `orderLabel` gave for this return earlier, recorded on it: bought instead of a new one. */
  order?: LabelOrder;
}

export interface IssuedLabel {
  trackingNumber: string;
  labelUrl: string;
  cost: Money;
  /** A label provider's: who sold it, on which shipment, and the carrier and service it chose. */
  provider?: LabelOrder['provider'];
  shipmentId?: string;
  carrier?: string;
  service?: string;
}

/** The provider's answer to voiding an unused label (FAILED is ours, after retries). */
export type VoidOutcome = Pick<LabelVoid, 'status'>;

/**
 * Sells prepaid return labels. The same request must give the same label (retries): a carrier keyed by
 * the return does so itself; a provider with no idempotency key (EasyPost) has `orderLabel`, whose
 * shipment the caller records on the return before `createLabel` buys it (`request.order`), so every
 * retry buys that one shipment, and a shipment already bought answers with its label.
 */
export interface CarrierPort {
  orderLabel?(request: LabelRequest): Promise<LabelOrder>;
  createLabel(request: LabelRequest): Promise<IssuedLabel>;
  /** Refunds a label bought for nothing (one with a `shipmentId`). */
  voidLabel?(label: Label): Promise<VoidOutcome>;
}

/** Which label seller a seller's labels come from. */
export interface LabelProviders {
  /**
   * The seller's EasyPost connection; without one, the fake carrier where it is allowed (local runs and
   * tests). Throws ValidationError when the seller has none and the fake carrier is not allowed (a
   * deployed stack never pretends).
   */
  forSeller(sellerId: string): Promise<CarrierPort>;
}

// --- The pipeline ---------------------------------------------------------------------------------
/**
 * What use cases need from the state machine: start a run, and resume a task that waits for a callback.
 * `Input` is the run's input, whose schema is the pipeline's contract (functions/pipeline/pipeline-contract.ts).
 */
export interface PipelinePort<Input = unknown> {
  /** Starts a run under a deterministic name; a name already used is not started twice (no error). */
  start(name: string, input: Input): Promise<void>;
  /** Completes a waiting task. A token that was already used or has timed out is ignored. */
  resume(taskToken: string, output: Record<string, unknown>): Promise<void>;
  /** Ends a waiting task because the return ended (closed or cancelled): the run stops quietly. */
  abandon(taskToken: string, why: string): Promise<void>;
  /** Ends a waiting task whose work is another state's (`step`), where the state's Catch sends the run. */
  sendOn(taskToken: string, step: string): Promise<void>;
}

// --- Deadlines -------------------------------------------------------------------------------------
/** A return the deadline sweeper has to look at, whichever seller's it is. */
export interface ReturnRef {
  sellerId: string;
  id: string;
}

/**
 * The sweeper's index of deadlines: every return whose reminder or overdue check is due, from the oldest
 * hour not yet swept, kept in the table so a sweep after a stop catches up on what came due meanwhile.
 */
export interface DeadlineSweepIndex {
  /** The returns due by `now`, and the hour the next sweep is to start from once these are handled. */
  due(now: Date): Promise<{ refs: ReturnRef[]; nextHour: string }>;
  /** Every return due before `hour` was handled: the next sweep starts there. */
  sweptUntil(hour: string): Promise<void>;
}

// --- Carrier webhook secrets ----------------------------------------------------------------------
/** Where the webhook edge gets each carrier's signing secrets. */
export interface CarrierSecrets {
  /**
   * The secrets a carrier's signature may be made with: one normally, two while a secret is rotated.
   * Empty when the carrier has none configured.
   */
  secretsFor(carrier: Carrier): Promise<string[]>;
}

// --- Events out -----------------------------------------------------------------------------------
/** Which return a record names: enough to read it with ReturnRepository.get. */
export interface ReturnRef {
  sellerId: string;
  id: string;
}

/**
 * The outbox side of the return item (docs/design.md §14): events ride on the return in the write that
 * made them; the dispatcher removes the ones it has handed on.
 */
export interface EventOutbox {
  /**
   * Removes the events with these ids from the outbox of `ret`, only if the stored return is still the
   * version (and drain) `ret` was read at; otherwise throws ConcurrencyConflictError and removes nothing.
   */
  drain(ret: Return, eventIds: readonly string[]): Promise<void>;
  /** Returns whose oldest pending event is older than `before`, at most `limit`. */
  pending(before: Date, limit: number): Promise<ReturnRef[]>;
  /** When the oldest event still pending on any of this seller's returns happened; undefined: none. */
  oldestPendingOf(sellerId: string): Promise<string | undefined>;
}

/** The region's event bus: every event is put there too, for an admin's rules (EventBridge). */
export interface EventBus {
  /**
   * Puts one return's events (at most the outbox's worth), in as few calls as the bus allows. Throws if
   * one was not put: a PartlyWrittenError when the ones before it were.
   */
  put(sellerId: string, events: readonly OutboxEvent[]): Promise<void>;
}

/** A seller's events as they were dispatched, for `GET /v1/events` (kept 30 days). */
export interface EventFeed {
  /**
   * Records events of the seller's, in as few calls as the store allows; recording one again changes
   * nothing. Throws if one was not recorded: a PartlyWrittenError when the ones before it were.
   */
  put(sellerId: string, events: readonly OutboxEvent[]): Promise<void>;
  /**
   * The seller's events after `after` (a position this feed gave out) and before the instant `before`,
   * oldest first, at most `limit`, with the position of the last one.
   */
  list(
    sellerId: string,
    query: { after?: string; before: string; limit: number },
  ): Promise<{ items: OutboxEvent[]; last?: string }>;
}

// --- Webhooks out ---------------------------------------------------------------------------------
/** A seller's webhook endpoints; each read is scoped to its seller. */
export interface WebhookEndpointRepository {
  get(sellerId: string, id: string): Promise<WebhookEndpoint | undefined>;
  list(sellerId: string): Promise<WebhookEndpoint[]>;
  /** Creates or replaces one (rotations, disabling). */
  put(endpoint: WebhookEndpoint): Promise<void>;
  /** True when it existed. */
  delete(sellerId: string, id: string): Promise<boolean>;
}

/** Where a delivery sits in its chain: one endpoint, one return, events in sequence order. */
export interface DeliveryRef {
  endpointId: string;
  returnId: string;
  sequence: number;
}

export interface WebhookDeliveryRepository {
  /** Writes a new delivery; one that exists already (the event handed on again) is left as it is. */
  createOnce(delivery: WebhookDelivery): Promise<void>;
  get(ref: DeliveryRef): Promise<WebhookDelivery | undefined>;
  /** The oldest PENDING delivery of one endpoint's chain for one return: the only one that may be sent. */
  chainHead(endpointId: string, returnId: string): Promise<WebhookDelivery | undefined>;
  /** Deliveries due at `now`, at most `limit`. */
  due(now: Date, limit: number): Promise<DeliveryRef[]>;
  /**
   * Writes the delivery only if it is still as `read` left it (its attempts and its next time); false
   * when another worker got there first.
   */
  update(delivery: WebhookDelivery, read: WebhookDelivery): Promise<boolean>;
  /** One endpoint's deliveries, newest first. */
  listForEndpoint(endpointId: string, limit: number): Promise<WebhookDeliveryView[]>;
}

/** What a receiver answered to one signed POST. */
export interface WebhookResponse {
  status: number;
}

/**
 * Posts to a seller's URL, never to this system's own network: the address is resolved once, checked
 * (no loopback, private, link-local or metadata address) and connected to as checked; redirects are not
 * followed. Throws UnsafeWebhookTargetError for a refused target, anything else for a failed connection.
 */
export interface WebhookTransport {
  /** Refuses a URL no delivery could go to (at registration). */
  check(url: string): Promise<void>;
  post(
    url: string,
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
  ): Promise<WebhookResponse>;
}

// --- Sellers' connections to outside services ------------------------------------------------------
/** A seller's connection to Stripe or EasyPost, with its secrets opened (in memory only). */
export interface IntegrationConnection {
  sellerId: string;
  provider: IntegrationProvider;
  /** Random and unguessable; names the connection in its webhook URL, and stays when the secrets change. */
  connectionId: string;
  /** What the seller is shown (integrations.ts): never a secret. */
  settings: ConnectionSettings;
  secrets: ConnectionSecrets;
  createdAt: string;
  updatedAt: string;
}

/** A connection as shown: what reading it needs no key for. */
export type ConnectionDescription = Omit<IntegrationConnection, 'secrets'>;

export interface ConnectionRepository {
  /** With the secrets opened: for the code that calls the provider or checks its signatures. */
  get(sellerId: string, provider: IntegrationProvider): Promise<IntegrationConnection | undefined>;
  /** Without opening the secrets (no decryption, so no key access needed). */
  describe(sellerId: string, provider: IntegrationProvider): Promise<ConnectionDescription | undefined>;
  /** The connection a webhook URL names; undefined once it was deleted or belongs to another provider. */
  getById(provider: IntegrationProvider, connectionId: string): Promise<IntegrationConnection | undefined>;
  /**
   * The connection that names this provider account (a Stripe Connect `acct_...`), for events that name
   * only the account; undefined once no seller's connection names it. An account is one seller's: `put`
   * refuses an account another seller's connection names (ValidationError on `accountId`).
   */
  getByAccount(provider: IntegrationProvider, accountId: string): Promise<ConnectionDescription | undefined>;
  /** Creates or replaces the seller's connection to the provider (a replacement keeps `connectionId`). */
  put(connection: IntegrationConnection): Promise<void>;
  /** True when there was one to delete. */
  delete(sellerId: string, provider: IntegrationProvider): Promise<boolean>;
}

/**
 * Encrypts secrets at rest. The context is bound to the ciphertext (authenticated, not secret): a sealed
 * value copied onto another seller's or another connection's item does not open.
 */
export interface SecretSealer {
  seal(plaintext: string, context: Record<string, string>): Promise<string>;
  /** Throws when the value was not sealed under this context. */
  open(sealed: string, context: Record<string, string>): Promise<string>;
}

/**
 * Signs and checks the buyer's links (domain/link-token.ts) with the region's HMAC key: KMS
 * GenerateMac/VerifyMac deployed, so the key never leaves KMS. `verify` compares in constant time.
 */
export interface LinkSigner {
  mac(message: Uint8Array): Promise<Uint8Array>;
  verify(message: Uint8Array, mac: Uint8Array): Promise<boolean>;
}
