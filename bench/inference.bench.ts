import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const worker = new URL('./inference-worker.ts', import.meta.url).pathname;
const manifestUrl = new URL('../packages/inference/models/rampart-severity.manifest.json', import.meta.url);

async function inProcess(threads: number, mode: 'latency' | 'throughput'): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', worker, String(threads), mode], {
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

/** Classifier benchmarks: latency on 1 wasm thread, batch throughput on 2, model size and cost. */
export async function runInferenceBench(): Promise<Record<string, number>> {
  const manifest = JSON.parse(await readFile(manifestUrl, 'utf8'));
  const latency = await inProcess(1, 'latency');
  const throughput = await inProcess(2, 'throughput');
  return {
    ...latency,
    ...throughput,
    model_bytes: manifest.model.bytes,
    model_mflops_per_128tok: manifest.model.mflopsPer128Tokens,
  };
}
