import { performance } from 'node:perf_hooks';

/** Untimed calls first, so JIT compilation, lazy imports and new connections stay out of the figures. */
export const WARMUP = 30;

/**
 * Calls `run(0)` … `run(warmup + count - 1)` one after another and returns how long each of the last
 * `count` took, in ms. One at a time, so each duration is the call's alone and they add up to wall time.
 */
export const timeSequentially = async (
  count: number,
  run: (i: number) => Promise<void>,
  warmup = WARMUP,
): Promise<number[]> => {
  const timings: number[] = [];
  for (let i = 0; i < warmup + count; i++) {
    const started = performance.now();
    await run(i);
    if (i >= warmup) timings.push(performance.now() - started);
  }
  return timings;
};

/**
 * Throughput and latency of sequential timings (ms), one per `unit`: `<unit>/s` is their number over
 * their sum (they never overlap), p50 and p99 the nearest-rank percentiles.
 */
export const summarize = (timings: number[], unit: string): Record<string, number | string> => {
  const sorted = [...timings].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  return {
    [`${unit}/s`]: Math.round((sorted.length / total) * 1000),
    'p50 ms': at(0.5),
    'p99 ms': at(0.99),
  };
};
