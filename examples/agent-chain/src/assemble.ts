import { readFile } from 'node:fs/promises';
import { createGuardChain, denylistGuard, type GuardChain, injectionGuard, piiGuard } from '@rampart/core';
import { type Classifier, classifierGuard, createClassifier } from '@rampart/inference';

/** The one policy file that drives every check in this example. */
export const POLICY_URL = new URL('../policy.json', import.meta.url);

/** The guard chain: the default severity classifier, PII and injection rules, and a tool denylist. */
export async function assembleChain(): Promise<{ chain: GuardChain; classifier: Classifier }> {
  const policy = JSON.parse(await readFile(POLICY_URL, 'utf8'));
  const classifier = await createClassifier({ device: 'wasm' });
  const chain = createGuardChain({
    policy,
    guards: [
      classifierGuard(classifier, { stages: ['input', 'output'] }),
      piiGuard(),
      injectionGuard(),
      denylistGuard({
        name: 'dangerous-commands',
        terms: ['rm -rf', 'mkfs', 'drop table', 'dd if=/dev/zero', 'chmod -R 777 /'],
        category: 'dangerous_command',
        stages: ['tool'],
      }),
    ],
  });
  return { chain, classifier };
}
