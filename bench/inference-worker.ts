/**
 * One inference benchmark in its own process: onnxruntime-web fixes the wasm thread count when the
 * runtime first starts, so 1-thread latency and 2-thread throughput need separate processes.
 * Usage: tsx bench/inference-worker.ts <threads> latency|throughput  (prints JSON)
 */
import { createClassifier } from '@rampart/inference';
import { measure } from './measure.js';

const [threadsArg, mode] = process.argv.slice(2);
const threads = Number(threadsArg ?? 1);

const WORDS =
  'the quick brown fox jumps over the lazy dog while a careful assistant explains how to plan a garden with tomatoes beans and herbs'.split(
    ' ',
  );
/** A response of exactly `n` tokens, after a 12-token question. */
function input(n: number) {
  return {
    prompt: 'Could you explain step by step how I should plan a small vegetable garden?',
    response: Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(' '),
  };
}

const started = performance.now();
const classifier = await createClassifier({ device: 'wasm', threads });
const sessionCreateMs = performance.now() - started;

const result: Record<string, number> = {};
if (mode === 'latency') {
  result.session_create_ms = Number(sessionCreateMs.toFixed(1));
  for (const n of [32, 128, 512]) {
    const text = input(n);
    const m = await measure(() => classifier.classify(text), { minRuns: 300, minMs: 1500, warmup: 30 });
    result[`classify_p50_ms_${n}tok`] = Number(m.medianMs.toFixed(3));
    result[`classify_p95_ms_${n}tok`] = Number(m.p95Ms.toFixed(3));
  }
} else {
  const batch = Array.from({ length: 64 }, (_, i) => input(64 + (i % 4) * 32));
  const m = await measure(() => classifier.classify(batch), { minRuns: 20, minMs: 2000, warmup: 3 });
  result.classify_batch_texts_per_s = Number((batch.length / (m.medianMs / 1000)).toFixed(1));
}
console.log(JSON.stringify(result));
await classifier.dispose();
