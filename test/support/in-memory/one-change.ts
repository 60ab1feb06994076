import { expect } from 'vitest';
import type { Return, TimelineEntry } from '../../../domain/return.js';
import type { InMemoryWorld } from './world.js';

/**
 * The return as a step left it, checked to be one write over `before` (one version up) holding `fields`,
 * its timeline ending on `entry`.
 */
export const expectOneChange = (
  world: InMemoryWorld,
  before: Return,
  fields: Partial<Return>,
  entry: Partial<TimelineEntry>,
): Return => {
  const stored = world.returns.latest(before);
  expect(stored).toMatchObject({ ...fields, version: before.version + 1 });
  expect(stored.timeline.at(-1)).toMatchObject(entry);
  return stored;
};
