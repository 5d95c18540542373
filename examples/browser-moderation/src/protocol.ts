import type { DecisionSummary } from '@rampart/core';
import type { LoadProgress, Verdict } from '@rampart/inference';

/** Messages from the page to the classifier worker. */
export type ToWorker =
  | { type: 'load'; device: 'webgpu' | 'wasm' }
  | { type: 'classify'; id: number; prompt: string; response?: string }
  | { type: 'stream'; script: 'benign' | 'harmful' };

/** Messages from the worker to the page. */
export type FromWorker =
  | { type: 'progress'; progress: LoadProgress }
  | { type: 'ready'; device: 'webgpu' | 'wasm'; fallbackReason?: string }
  | { type: 'error'; message: string }
  | { type: 'verdict'; id: number; verdict: Verdict; decision: DecisionSummary }
  /** Released text only: held-back text never leaves the worker, so it can never be shown. */
  | { type: 'stream-release'; text: string; heldChars: number }
  | { type: 'stream-end'; blocked: boolean; replacement?: string; decision: DecisionSummary };
