// Timing for every benchmark: warm-up runs (until the JIT and the caches have settled), then repetitions within a
// time budget, reported as median and p95.

export interface Timing {
  /** Milliseconds per run, in the order they ran (the warm-up excluded). */
  samples: number[];
  median: number;
  p95: number;
}

export interface RepeatOptions {
  /** Most repetitions after the warm-up (default 15). */
  maxReps?: number;
  /** Fewest repetitions, even when the budget is spent (default 3). */
  minReps?: number;
  /** Time to spend on the repetitions, judged from the last warm-up run (default 20 s). */
  budgetMs?: number;
  /**
   * Warm-up: runs are repeated until this much time has passed (default 300 ms, at most 200 runs, at least one).
   * A sub-millisecond walk is 5–10× slower in its first runs than once V8 has optimised it.
   */
  warmupMs?: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples: [...samples], median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

function repsFor(warmupMs: number, options: RepeatOptions): number {
  const { maxReps = 15, minReps = 3, budgetMs = 20_000 } = options;
  return Math.max(minReps, Math.min(maxReps, Math.floor(budgetMs / Math.max(warmupMs, 0.001))));
}

/** Runs `fn` to warm up (the first result is returned), then repeatedly, timing each run. */
export function repeat<T>(fn: () => T, options: RepeatOptions = {}): { timing: Timing; value: T } {
  const warmupEnd = performance.now() + (options.warmupMs ?? 300);
  let t = performance.now();
  const value = fn();
  let last = performance.now() - t;
  for (let i = 1; i < 200 && performance.now() < warmupEnd; i++) {
    t = performance.now();
    fn();
    last = performance.now() - t;
  }
  const reps = repsFor(last, options);
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return { timing: summarise(samples), value };
}

export async function repeatAsync<T>(fn: () => Promise<T>, options: RepeatOptions = {}): Promise<{ timing: Timing; value: T }> {
  const warmupEnd = performance.now() + (options.warmupMs ?? 300);
  let t = performance.now();
  const value = await fn();
  let last = performance.now() - t;
  for (let i = 1; i < 200 && performance.now() < warmupEnd; i++) {
    t = performance.now();
    await fn();
    last = performance.now() - t;
  }
  const reps = repsFor(last, options);
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { timing: summarise(samples), value };
}

/** One timed run. */
export function once<T>(fn: () => T): { ms: number; value: T } {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
}

export async function onceAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}
