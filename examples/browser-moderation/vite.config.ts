import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const models = join(here, '../../packages/inference/models');

/**
 * Files the app serves itself, so it works offline: the model and its manifest. ORT's wasm needs no
 * entry here: Vite sees onnxruntime-web's `new URL('….wasm', import.meta.url)` and emits it.
 */
const OFFLINE_FILES: Record<string, string> = {
  'models/rampart-severity.onnx': join(models, 'rampart-severity.onnx'),
  'models/rampart-severity.manifest.json': join(models, 'rampart-severity.manifest.json'),
};

function offlineAssets(): Plugin {
  return {
    name: 'rampart-offline-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const file = OFFLINE_FILES[(req.url ?? '').replace(/^\//, '').split('?')[0]!];
        if (!file) return next();
        res.setHeader(
          'content-type',
          file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
        );
        createReadStream(file).pipe(res);
      });
    },
    async generateBundle() {
      for (const [fileName, path] of Object.entries(OFFLINE_FILES)) {
        this.emitFile({ type: 'asset', fileName, source: await readFile(path) });
      }
    },
  };
}

export default defineConfig({
  plugins: [offlineAssets()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  // onnxruntime-web ships prebuilt ESM; pre-bundling it would break its wasm loading.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
