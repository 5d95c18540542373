/**
 * Vercel Edge entry (classic `fetch` event, as the edge-runtime package runs it). Vercel Edge
 * compiles `import wasm from './x.wasm?module'` ahead of time; here the precompiled module and the
 * model bytes are handed in as globals by the host (see test/e2e/edge.e2e.test.ts), which is what
 * a deployment's bundler does for you.
 */
import manifest from '@rampart/inference/models/rampart-severity.manifest.json' with { type: 'json' };
import { createChatHandler } from './chat-handler.js';

declare const RAMPART_ORT_WASM: WebAssembly.Module;
declare const RAMPART_MODEL: ArrayBuffer;

const handle = createChatHandler({
  ortWasm: RAMPART_ORT_WASM,
  manifest,
  loadModel: async () => new Uint8Array(RAMPART_MODEL),
});

addEventListener('fetch', (event) => {
  const fetchEvent = event as unknown as { request: Request; respondWith(r: Promise<Response>): void };
  fetchEvent.respondWith(handle(fetchEvent.request));
});
