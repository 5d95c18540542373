/**
 * Cloudflare Worker entry. workerd cannot compile wasm at run time, so the ORT wasm and the model
 * arrive as modules (wrangler rules: CompiledWasm for .wasm, Data for .onnx). In production, fetch
 * the model from R2 instead of bundling it: it is verified against the manifest's sha-256 anyway.
 */
import manifest from '@rampart/inference/models/rampart-severity.manifest.json' with { type: 'json' };
import { createChatHandler } from './chat-handler.js';
import ortWasm from './ort-wasm-simd-threaded.wasm';
import modelBytes from './rampart-severity.onnx';

const handle = createChatHandler({ ortWasm, manifest, loadModel: async () => new Uint8Array(modelBytes) });

export default { fetch: (request: Request) => handle(request) };
