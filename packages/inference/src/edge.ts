/**
 * Edge runtimes (Cloudflare workerd, Vercel Edge with `codeGeneration: { wasm: false }`) forbid
 * compiling WebAssembly from bytes at run time, and onnxruntime-web has no instantiate hook. The
 * workaround measured in ../shared/notes/platform.md: hand onnxruntime-web a 4-byte placeholder
 * binary (the wasm magic) and make `WebAssembly.instantiate` answer that placeholder with the
 * module the platform compiled ahead of time.
 */
import { ort } from './runtime.js';

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

function isPlaceholder(source: unknown): boolean {
  const bytes =
    source instanceof Uint8Array
      ? source
      : source instanceof ArrayBuffer
        ? new Uint8Array(source)
        : ArrayBuffer.isView(source)
          ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength)
          : undefined;
  // Compare contents, not identity: onnxruntime-web copies the buffer it was given.
  return bytes !== undefined && bytes.byteLength === 4 && WASM_MAGIC.every((b, i) => bytes[i] === b);
}

let installed: WebAssembly.Module | undefined;

/**
 * Makes onnxruntime-web use a precompiled `WebAssembly.Module` of `ort-wasm-simd-threaded.wasm`
 * (import it with your platform's wasm module rule). Call once, before `createClassifier`.
 */
export function usePrecompiledWasm(module: WebAssembly.Module): void {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  ort.env.wasm.wasmBinary = new Uint8Array(WASM_MAGIC);
  if (installed) {
    installed = module;
    return;
  }
  installed = module;
  const original = WebAssembly.instantiate.bind(WebAssembly) as (...args: unknown[]) => Promise<unknown>;
  const patched = (source: unknown, imports?: WebAssembly.Imports) => {
    if (installed && isPlaceholder(source)) {
      return original(installed, imports).then((instance) => ({ instance, module: installed }));
    }
    return original(source, imports);
  };
  (WebAssembly as { instantiate: unknown }).instantiate = patched;
}
