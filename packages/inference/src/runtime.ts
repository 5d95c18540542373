import * as ort from 'onnxruntime-web';

/** The onnxruntime-web module this package runs on. */
export { ort };

/** Which execution provider runs the model. */
export type Device = 'webgpu' | 'wasm';

/** Runtime knobs shared by every session in this JS realm (onnxruntime-web keeps them global). */
export interface RuntimeOptions {
  /** wasm threads (default 1: Edge runtimes and most pages lack cross-origin isolation). */
  threads?: number;
  /** Where onnxruntime-web's .wasm/.mjs files are served from (a URL prefix, or per-file URLs). */
  wasmPaths?: string | Record<string, string>;
}

/** Applies runtime options before the first session is created. */
export function configureRuntime(options: RuntimeOptions): void {
  ort.env.wasm.numThreads = options.threads ?? 1;
  ort.env.wasm.proxy = false;
  if (options.wasmPaths) ort.env.wasm.wasmPaths = options.wasmPaths as typeof ort.env.wasm.wasmPaths;
}

/** True when this realm exposes WebGPU and hands out an adapter. */
export async function hasWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

/** Creates an inference session on one device. */
export async function createSession(bytes: Uint8Array, device: Device): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
  });
}
