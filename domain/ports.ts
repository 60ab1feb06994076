import type { Return, Status } from './return.js';
import type { StoredPolicy, Policy } from './policy.js';
import type { Marketplace } from './marketplaces.js';

/**
 * The ports the use cases need from the outside world. Adapters in functions/adapters implement them;
 * the domain never knows which.
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
   * RMA number (at most one of the three). A cursor works only for the seller and filter it came from.
   */
  list(sellerId: string, query: ReturnListQuery): Promise<Page<Return>>;
  /**
   * Which return a carrier tracking number belongs to, whichever seller's it is (carriers know no
   * seller). May lag a just-issued label (an index read); read it with `get` before deciding anything.
   */
  findByTrackingNumber(trackingNumber: string): Promise<{ sellerId: string; id: string } | undefined>;
}

export interface ReturnListQuery {
  status?: Status;
  orderId?: string;
  rma?: string;
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
  /** True when the caller may send `id` now: nobody sent it, and nobody holds a live claim on it. */
  claim(id: string): Promise<boolean>;
  /** The notification went out: it is never sent again. */
  confirm(id: string): Promise<void>;
  /** Sending failed: let the next attempt claim it at once. */
  release(id: string): Promise<void>;
}
