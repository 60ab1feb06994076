import type { Clock } from '../../../domain/ports.js';

/** A clock that stands still until a test moves it. */
export class FixedClock implements Clock {
  constructor(private at = new Date('2026-11-10T12:00:00Z')) {}

  now(): Date {
    return new Date(this.at);
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}
