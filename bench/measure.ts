/** Timing summary of repeated runs. */
export interface Measurement {
  medianMs: number;
  p95Ms: number;
  runs: number;
}

/** Runs `fn` after a warm-up until both `minRuns` and `minMs` are reached; reports median and p95. */
export async function measure(
  fn: () => unknown,
  { minRuns = 200, minMs = 1000, warmup = 20 }: { minRuns?: number; minMs?: number; warmup?: number } = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const started = performance.now();
  while (times.length < minRuns || performance.now() - started < minMs) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { medianMs: at(0.5), p95Ms: at(0.95), runs: times.length };
}
