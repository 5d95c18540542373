import { readFile } from 'node:fs/promises';
import { createGuardChain, definePolicy, type GuardChain, injectionGuard, piiGuard } from '@rampart/core';
import { type Classifier, classifierGuard, createClassifier } from '@rampart/inference';

/** The chain the CLI runs: the severity classifier plus PII and prompt-injection rules. */
export interface Assembled {
  chain: GuardChain;
  classifier: Classifier;
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
  const chain = createGuardChain({
    guards: [classifierGuard(classifier), piiGuard(), injectionGuard()],
    policy,
  });
  return { chain, classifier };
}
