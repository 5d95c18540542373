import { RampartError } from '@rampart/core';
import {
  type BatchTensors,
  type ClassifierInput,
  encodeBatch,
  type FeatureRow,
  inputToRows,
} from './encode.js';
import { Featurizer } from './featurizer.js';
import { verifyModelBytes } from './integrity.js';
import type { ModelManifest } from './manifest.js';
import { MicroBatcher } from './micro-batcher.js';
import { type LoadProgress, loadModelSource, type ModelSource } from './model-source.js';
import {
  configureRuntime,
  createSession,
  type Device,
  hasWebGpuAdapter,
  ort,
  type RuntimeOptions,
} from './runtime.js';
import { type RowScores, toVerdict, type Verdict } from './verdict.js';
import { tokenWindows } from './windows.js';

/** Options of {@link createClassifier}. */
export interface ClassifierOptions extends RuntimeOptions {
  /** Model to load (default: the bundled model). */
  model?: ModelSource;
  /** `auto` (default) tries WebGPU, then falls back to wasm; `webgpu` fails if WebGPU cannot run. */
  device?: 'auto' | Device;
  /** Download / verify / compile progress. */
  onProgress?: (progress: LoadProgress) => void;
  /** Most rows (response windows) per session run (default 64). */
  maxBatch?: number;
}

/** A loaded classifier. */
export interface Classifier {
  readonly manifest: ModelManifest;
  /** The device sessions run on (after any fallback). */
  readonly device: Device;
  /** Why `auto` fell back to wasm, when it did. */
  readonly fallbackReason?: string;
  classify(input: ClassifierInput): Promise<Verdict>;
  classify(inputs: readonly ClassifierInput[]): Promise<Verdict[]>;
  /** Releases the session (only when no other classifier shares it). */
  dispose(): Promise<void>;
}

/** Thrown when no requested device could run the model. */
export class DeviceUnavailableError extends RampartError {
  constructor(message: string, cause?: unknown) {
    super('INVALID_CONFIG', message, { cause });
  }
}

interface CachedSession {
  session: Promise<ort.InferenceSession>;
  users: number;
}
const sessions = new Map<string, CachedSession>();

async function sessionFor(manifest: ModelManifest, bytes: Uint8Array, device: Device) {
  const key = `${manifest.model.sha256}|${device}`;
  let cached = sessions.get(key);
  if (!cached) {
    cached = { session: createSession(bytes, device), users: 0 };
    sessions.set(key, cached);
    cached.session.catch(() => sessions.delete(key));
  }
  cached.users++;
  return { key, session: await cached.session };
}

function readRows(
  outputs: ort.InferenceSession.OnnxValueMapType,
  count: number,
  categories: number,
): RowScores[] {
  const unsafe = outputs.unsafe_prob!.data as Float32Array;
  const severity = outputs.severity_probs!.data as Float32Array;
  const cats = outputs.category_probs!.data as Float32Array;
  return Array.from({ length: count }, (_, i) => ({
    unsafe: unsafe[i]!,
    severity: [severity[i * 4]!, severity[i * 4 + 1]!, severity[i * 4 + 2]!, severity[i * 4 + 3]!],
    categories: Array.from(cats.subarray(i * categories, (i + 1) * categories)),
  }));
}

function toFeeds(tensors: BatchTensors): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(tensors.int64))
    feeds[name] = new ort.Tensor('int64', t.data, t.dims);
  for (const [name, t] of Object.entries(tensors.float32))
    feeds[name] = new ort.Tensor('float32', t.data, t.dims);
  return feeds;
}

/**
 * Loads a model (verifying its sha-256 with WebCrypto before any session exists), picks a device
 * and returns a classifier. Concurrent `classify` calls are micro-batched into shared runs.
 */
export async function createClassifier(options: ClassifierOptions = {}): Promise<Classifier> {
  configureRuntime(options);
  const progress = options.onProgress;
  const { bytes, manifest } = await loadModelSource(options.model ?? 'default', progress);
  progress?.({ phase: 'verify' });
  await verifyModelBytes(bytes, manifest.model.sha256, manifest.model.bytes);

  const requested = options.device ?? 'auto';
  progress?.({ phase: 'compile' });
  let device: Device = 'wasm';
  let fallbackReason: string | undefined;
  let opened: { key: string; session: ort.InferenceSession } | undefined;
  if (requested !== 'wasm') {
    if (await hasWebGpuAdapter()) {
      try {
        opened = await sessionFor(manifest, bytes, 'webgpu');
        device = 'webgpu';
      } catch (error) {
        if (requested === 'webgpu') throw new DeviceUnavailableError('WebGPU session creation failed', error);
        fallbackReason = `WebGPU session failed: ${error instanceof Error ? error.message : String(error)}`;
      }
    } else if (requested === 'webgpu') {
      throw new DeviceUnavailableError('WebGPU is not available here (no navigator.gpu adapter)');
    } else {
      fallbackReason = 'no WebGPU adapter';
    }
  }
  opened ??= await sessionFor(manifest, bytes, 'wasm');
  progress?.({ phase: 'ready' });

  const { session, key } = opened;
  const featurizer = new Featurizer(manifest.featurizer);
  const labels = manifest.labels.categories;
  const { maxResponseTokens, windowStride } = manifest.featurizer;
  const windows = (tokens: string[]) => tokenWindows(tokens, maxResponseTokens, windowStride);
  const batcher = new MicroBatcher<FeatureRow, RowScores>(async (rows) => {
    const outputs = await session.run(toFeeds(encodeBatch(rows)));
    return readRows(outputs, rows.length, labels.length);
  }, options.maxBatch ?? 64);

  async function classifyOne(input: ClassifierInput, started: number): Promise<Verdict> {
    const rows = inputToRows(featurizer, input, windows);
    const scores = await Promise.all(rows.map((row) => batcher.submit(row)));
    const promptOnly = typeof input === 'string' || input.response === undefined;
    const thresholds = {
      unsafe: promptOnly ? manifest.thresholds.unsafePrompt : manifest.thresholds.unsafe,
      category: manifest.thresholds.category,
    };
    return { ...toVerdict(scores, labels, thresholds, device), latencyMs: performance.now() - started };
  }

  let disposed = false;
  const classifier = {
    manifest,
    device,
    ...(fallbackReason ? { fallbackReason } : {}),
    classify(input: ClassifierInput | readonly ClassifierInput[]) {
      if (disposed) return Promise.reject(new RampartError('INVALID_CONFIG', 'classifier was disposed'));
      const started = performance.now();
      if (Array.isArray(input)) return Promise.all(input.map((i) => classifyOne(i, started)));
      return classifyOne(input as ClassifierInput, started);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      const cached = sessions.get(key);
      if (cached && --cached.users === 0) {
        sessions.delete(key);
        await session.release();
      }
    },
  };
  return classifier as Classifier;
}
