import { readFile } from 'node:fs/promises';
import { createGuardChain, definePolicy, type GuardChain, injectionGuard, piiGuard } from '@rampart/core';
import { type Classifier, classifierGuard, createClassifier, type Verdict } from '@rampart/inference';

/** The chain the CLI runs: the severity classifier plus PII and prompt-injection rules. */
export interface Assembled {
  chain: GuardChain;
  classifier: Classifier;
  /**
   * The classifier's verdict of each check, by the `requestId` in the check's metadata: the chain's
   * classifier guard reports it, so callers need not run the model a second time to show scores.
   * A caller registers the id (value `null`) before the check; reports for unknown ids (arriving
   * after the caller gave up on them) are dropped, so the map never grows.
   */
  verdicts: Map<unknown, Verdict | null>;
}

/** Reads a policy JSON file (validated; errors name the field). */
export async function readPolicy(path: string | undefined): Promise<unknown> {
  if (!path) return {};
  return JSON.parse(await readFile(path, 'utf8'));
}

/** Loads the default model and builds the chain with the given policy file. */
export async function assemble(policyPath?: string): Promise<Assembled> {
  const policy = definePolicy(await readPolicy(policyPath));
  const classifier = await createClassifier({ device: 'wasm' });
  const verdicts = new Map<unknown, Verdict | null>();
  const onVerdict = (verdict: Verdict, ctx: { metadata?: Record<string, unknown> }) => {
    const id = ctx.metadata?.requestId;
    if (verdicts.has(id)) verdicts.set(id, verdict);
  };
  const chain = createGuardChain({
    guards: [classifierGuard(classifier, { onVerdict }), piiGuard(), injectionGuard()],
    policy,
  });
  return { chain, classifier, verdicts };
}
