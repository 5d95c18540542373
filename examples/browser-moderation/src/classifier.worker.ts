/// <reference lib="webworker" />
/**
 * Runs the classifier and the guard chain off the main thread, so typing never stalls the page.
 * The model, manifest and ORT wasm are served by the app itself (works offline).
 */
import {
  createGuardChain,
  createStreamGuard,
  denylistGuard,
  type GuardChain,
  injectionGuard,
  piiGuard,
  summarizeDecision,
} from '@rampart/core';
import { type Classifier, classifierGuard, createClassifier } from '@rampart/inference';
import type { FromWorker, ToWorker } from './protocol.js';
import { STREAM_SCRIPTS, tokens } from './scripts.js';

const post = (message: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);
const origin = self.location.origin;

let classifier: Classifier | undefined;
let chain: GuardChain | undefined;

async function load(device: 'webgpu' | 'wasm') {
  await classifier?.dispose();
  classifier = await createClassifier({
    device,
    model: { manifestUrl: new URL('/models/rampart-severity.manifest.json', origin) },
    onProgress: (progress) => post({ type: 'progress', progress }),
  });
  chain = createGuardChain({
    guards: [
      classifierGuard(classifier),
      piiGuard(),
      injectionGuard(),
      // A precise rule next to the model: the streaming demo must stop this phrase whatever the model says.
      denylistGuard({ terms: ['pipe bomb'], category: 'violence', severity: 'severe', stages: ['output'] }),
    ],
  });
  post({
    type: 'ready',
    device: classifier.device,
    ...(classifier.fallbackReason ? { fallbackReason: classifier.fallbackReason } : {}),
  });
}

async function classify(id: number, prompt: string, response?: string) {
  if (!classifier || !chain) return;
  const input = response ? { prompt, response } : prompt;
  const [verdict, decision] = await Promise.all([
    classifier.classify(input),
    response ? chain.check('output', response, { metadata: { prompt } }) : chain.check('input', prompt),
  ]);
  post({ type: 'verdict', id, verdict, decision: summarizeDecision(decision) });
}

async function stream(script: keyof typeof STREAM_SCRIPTS) {
  if (!chain) return;
  const { prompt, answer } = STREAM_SCRIPTS[script];
  const guard = createStreamGuard({ chain, metadata: { prompt }, windowChars: 48, holdBackChars: 24 });
  for (const token of tokens(answer)) {
    await new Promise((r) => setTimeout(r, 25)); // model pacing
    const step = await guard.push(token);
    if (step.blocked) {
      post({
        type: 'stream-end',
        blocked: true,
        replacement: step.text,
        decision: summarizeDecision(step.decision!),
      });
      return;
    }
    post({ type: 'stream-release', text: step.text, heldChars: guard.heldChars });
  }
  const final = await guard.finish();
  if (final.blocked) {
    post({
      type: 'stream-end',
      blocked: true,
      replacement: final.text,
      decision: summarizeDecision(final.decision),
    });
    return;
  }
  post({ type: 'stream-release', text: final.text, heldChars: 0 });
  post({ type: 'stream-end', blocked: false, decision: summarizeDecision(final.decision) });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  const run =
    message.type === 'load'
      ? load(message.device)
      : message.type === 'classify'
        ? classify(message.id, message.prompt, message.response)
        : stream(message.script);
  run.catch((error: unknown) =>
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
};
