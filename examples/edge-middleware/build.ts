/**
 * Builds the Edge example with esbuild: one JS bundle per platform, plus the sidecar files the
 * platform loads as modules (the ORT wasm, the model). Writes dist/bundle-sizes.json.
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const require = createRequire(import.meta.url);
const ortDist = dirname(require.resolve('onnxruntime-web/wasm'));
const models = join(here, '../../packages/inference/models');

const shared = {
  // Aliases resolve from here, where onnxruntime-web is a dependency.
  absWorkingDir: here,
  bundle: true,
  minify: true,
  platform: 'browser' as const,
  conditions: ['worker', 'browser'],
  // The wasm-only ORT build: Edge runtimes have no WebGPU, and its glue matches the plain .wasm.
  alias: { 'onnxruntime-web': 'onnxruntime-web/wasm' },
  external: ['*.wasm', '*.onnx', 'node:*'],
  loader: { '.json': 'json' as const },
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning' as const,
};

export async function buildEdge(): Promise<Record<string, number>> {
  await mkdir(dist, { recursive: true });
  await build({
    ...shared,
    entryPoints: [join(here, 'src/worker.ts')],
    format: 'esm',
    outfile: join(dist, 'worker.js'),
  });
  await build({
    ...shared,
    entryPoints: [join(here, 'src/vercel-edge.ts')],
    format: 'iife',
    outfile: join(dist, 'vercel-edge.js'),
  });
  await copyFile(join(ortDist, 'ort-wasm-simd-threaded.wasm'), join(dist, 'ort-wasm-simd-threaded.wasm'));
  await copyFile(join(models, 'rampart-severity.onnx'), join(dist, 'rampart-severity.onnx'));
  const sizes: Record<string, number> = {};
  for (const file of [
    'worker.js',
    'vercel-edge.js',
    'ort-wasm-simd-threaded.wasm',
    'rampart-severity.onnx',
  ]) {
    const bytes = await readFile(join(dist, file));
    sizes[`${file}_bytes`] = bytes.byteLength;
    sizes[`${file}_gzip_bytes`] = gzipSync(bytes, { level: 9 }).byteLength;
  }
  await writeFile(join(dist, 'bundle-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
  return sizes;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildEdge());
}
