import { readFile, writeFile } from 'node:fs/promises';
import { runCoreBench } from './core.bench.js';
import { runInferenceBench } from './inference.bench.js';

/** `pnpm bench`: runs every benchmark and merges the figures into bench/results.json. */
const resultsPath = new URL('./results.json', import.meta.url);

async function previous(): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(resultsPath, 'utf8'));
  } catch {
    return {};
  }
}

const suites: Record<string, () => Promise<Record<string, number>>> = {
  core: runCoreBench,
  inference: runInferenceBench,
};
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const results: Record<string, unknown> = await previous();
for (const [name, run] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const figures = await run();
  console.log(name, figures);
  Object.assign(results, figures);
}
results.machine = {
  node: process.version,
  platform: process.platform,
  arch: process.arch,
  date: new Date().toISOString(),
};
await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${resultsPath.pathname}`);
