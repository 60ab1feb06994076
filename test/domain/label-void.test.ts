import { describe, expect, it } from 'vitest';
import { IllegalTransitionError } from '../../domain/errors.js';
import { labelIsUnused, labelVoidOwed } from '../../domain/label-void.js';
import { transition } from '../../domain/lifecycle.js';
import type { Return } from '../../domain/return.js';
import { makeReturn } from '../support/return-factory.js';

const ctx = { now: new Date('2026-11-20T10:00:00Z'), actor: { kind: 'system' as const } };
const VOIDED = { status: 'REFUNDED' as const, at: '2026-11-20T10:00:00.000Z', attempts: 1 };

/** A return that ended in `status` holding a label EasyPost sold. */
const ended = (status: 'CLOSED' | 'CANCELLED', overrides: Partial<Return> = {}): Return => {
  const labelled = makeReturn({ sellerId: 's-1', status: 'LABEL_ISSUED' });
  return {
    ...labelled,
    status,
    label: { ...labelled.label!, provider: 'easypost', shipmentId: 'shp_1' },
    ...overrides,
  };
};

describe('unused labels', () => {
  it('are those of an ended return from a provider, never scanned', () => {
    expect(labelIsUnused(ended('CLOSED'))).toBe(true);
    expect(labelIsUnused(ended('CANCELLED', { lastTrackingStatus: 'LABEL_CREATED' }))).toBe(true);
    expect(labelIsUnused(ended('CLOSED', { lastTrackingStatus: 'IN_TRANSIT' }))).toBe(false);
    expect(labelIsUnused({ ...ended('CLOSED'), status: 'LABEL_ISSUED' })).toBe(false);
    const fake = ended('CLOSED');
    expect(labelIsUnused({ ...fake, label: { ...fake.label!, shipmentId: undefined } })).toBe(false);
  });

  it('VOID_LABEL records the outcome without a move; a FAILED void is owed again, a done one is not', () => {
    const failed = transition(
      ended('CANCELLED'),
      { type: 'VOID_LABEL', void: { ...VOIDED, status: 'FAILED', error: 'down' } },
      ctx,
    );
    expect(failed).toMatchObject({
      status: 'CANCELLED',
      label: { void: { status: 'FAILED', error: 'down' } },
    });
    expect(failed.timeline.at(-1)).toMatchObject({
      type: 'VOID_LABEL',
      from: 'CANCELLED',
      to: 'CANCELLED',
      note: 'label void FAILED: down',
    });
    expect(labelVoidOwed(failed)).toBe(true);
    const done = transition(failed, { type: 'VOID_LABEL', void: VOIDED }, ctx);
    expect(labelVoidOwed(done)).toBe(false);
  });

  it('VOID_LABEL is refused for a scanned label', () => {
    expect(() =>
      transition(
        ended('CLOSED', { lastTrackingStatus: 'IN_TRANSIT' }),
        { type: 'VOID_LABEL', void: VOIDED },
        ctx,
      ),
    ).toThrow(IllegalTransitionError);
  });
});
