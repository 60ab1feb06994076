import { CREATE_RETURN_EXAMPLE } from '../../functions/api/openapi/examples.js';
/** Request bodies the tests use, relative to today so windows behave the same any day. */
export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();

/** The documented create example, delivered five days ago. */
export const createBody = (overrides: Record<string, unknown> = {}) => ({
  ...CREATE_RETURN_EXAMPLE,
  deliveredAt: daysAgo(5),
  ...overrides,
});

/** The example's buyer address: where a label bought through EasyPost (demo seller Acme) starts. */
export const BUYER_ADDRESS = CREATE_RETURN_EXAMPLE.buyer.address!;
