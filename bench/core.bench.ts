import {
  createGuardChain,
  denylistGuard,
  type Guard,
  guardTextStream,
  injectionGuard,
  piiGuard,
  sizeLimitGuard,
} from '@rampart/core';
import { measure } from './measure.js';

const SAMPLE =
  'Thanks for reaching out! To reset your password, open Settings, choose Security and follow the steps. ' +
  'If that fails, write to support@example.com and include your account id. We usually answer within a day. ' +
  'Never share your password with anyone, including our staff.';

function ruleGuards(): Guard[] {
  return [
    piiGuard({ name: 'pii-a' }),
    piiGuard({ name: 'pii-b', types: ['email', 'phone'] }),
    injectionGuard({ name: 'injection-a', stages: ['input', 'output'] }),
    injectionGuard({ name: 'injection-b', stages: ['input', 'output'] }),
    denylistGuard({ name: 'deny-a', terms: ['detonator', 'nerve agent', 'ricin'] }),
    denylistGuard({ name: 'deny-b', terms: ['credit card dump', 'skimmer'] }),
    sizeLimitGuard({ name: 'size-a', maxChars: 100_000 }),
    sizeLimitGuard({ name: 'size-b', maxBytes: 400_000 }),
  ];
}

/** Chain overhead: the same N guards through a chain versus awaited directly in a loop. */
async function chainOverhead(): Promise<number> {
  const guards = ruleGuards();
  const chain = createGuardChain({ guards, mode: 'sequential' });
  const signal = new AbortController().signal;
  const direct = await measure(async () => {
    for (const g of guards) await g.check(SAMPLE, { stage: 'output', signal });
  });
  const chained = await measure(() => chain.check('output', SAMPLE));
  return ((chained.medianMs - direct.medianMs) * 1000) / guards.length;
}

async function* chunks(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** MB/s of a 1 MB answer in 24-char deltas, guarded vs passed through untouched. */
async function streamThroughput(): Promise<{ guarded: number; raw: number }> {
  const text = SAMPLE.repeat(Math.ceil(1_000_000 / SAMPLE.length)).slice(0, 1_000_000);
  const chain = createGuardChain({ guards: ruleGuards() });
  const mb = text.length / 1_000_000;
  const raw = await measure(
    async () => {
      let n = 0;
      for await (const d of chunks(text, 24)) n += d.length;
      if (n !== text.length) throw new Error('lost text');
    },
    { minRuns: 5, minMs: 500 },
  );
  const guarded = await measure(
    async () => {
      let n = 0;
      for await (const d of guardTextStream(chunks(text, 24), { chain, windowChars: 256 })) n += d.length;
      if (n === 0) throw new Error('nothing released');
    },
    { minRuns: 3, minMs: 500 },
  );
  return { guarded: mb / (guarded.medianMs / 1000), raw: mb / (raw.medianMs / 1000) };
}

/** Core benchmarks, as result keys. */
export async function runCoreBench(): Promise<Record<string, number>> {
  const overhead = await chainOverhead();
  const stream = await streamThroughput();
  return {
    chain_overhead_us_per_guard: Number(overhead.toFixed(2)),
    stream_guard_throughput_mb_s: Number(stream.guarded.toFixed(2)),
    raw_stream_throughput_mb_s: Number(stream.raw.toFixed(2)),
  };
}
