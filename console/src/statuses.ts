import { STATUSES, type Status } from '../../domain/return.js';

/** The Returns page's tabs: what waits for the seller first, then the lifecycle's order. */
export const STATUS_TABS: readonly Status[] = [
  'AUTHORIZATION_REQUIRED',
  ...STATUSES.filter((status) => status !== 'AUTHORIZATION_REQUIRED'),
];
