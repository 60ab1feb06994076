import { createHash } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  PACKING_DICTIONARY,
  packJson,
  unpackJson,
} from '../../../functions/adapters/dynamodb/packed-json.js';
import { happyPathLifecycle } from '../../../bench/key-heat/lifecycle.js';
import { makeReturn } from '../../support/return-factory.js';

const completed = happyPathLifecycle(
  'seller-p',
  makeReturn({ sellerId: 'seller-p' }).id,
  new Date('2026-11-02T00:00:00Z'),
).versions.at(-1)!;

describe('packed JSON', () => {
  it('gives back what it packed', () => {
    expect(unpackJson(packJson(completed), 'the return')).toEqual(JSON.parse(JSON.stringify(completed)));
  });

  it('packs a completed return into at most half of what deflate alone makes of it', () => {
    const alone = deflateRawSync(JSON.stringify(completed)).length;

    expect(packJson(completed).length).toBeLessThanOrEqual(alone / 2);
  });

  it('still reads what deflate alone packed, before the dictionary', () => {
    const before = deflateRawSync(JSON.stringify({ status: 'COMPLETED' }));

    expect(unpackJson(before, 'an older item')).toEqual({ status: 'COMPLETED' });
  });

  it('keeps its dictionary byte for byte: a stored item reads only with the one it was packed with', () => {
    // A new dictionary needs a marker of its own (packed-json.ts), never an edit of this one.
    expect(createHash('sha256').update(PACKING_DICTIONARY).digest('hex')).toBe(
      '502dc6ec6089723003374e715c32af988be79bba2746a21c2695300ab563ab30',
    );
  });

  it('names the item whose packed part is missing', () => {
    expect(() => unpackJson(undefined, 'return item r1')).toThrow('return item r1 has no packed part');
  });
});
