/**
 * `pnpm demo`: a LangChain v1 agent (createAgent, two tools, a scripted offline chat model) guarded
 * by Rampart with the default severity classifier and examples/agent-chain/policy.json.
 */
import { assembleChain } from './assemble.js';
import { runScenario, SCENARIOS } from './scenarios.js';

const LABEL = {
  user: 'user      ',
  assistant: 'assistant ',
  'tool-call': 'tool call ',
  tool: 'tool      ',
  rampart: 'rampart   ',
};

const { chain, classifier } = await assembleChain();
console.log(`Rampart agent demo: classifier on ${classifier.device}, policy ${chain.policy.version}\n`);
for (const scenario of SCENARIOS) {
  const result = await runScenario(scenario, chain);
  console.log(`== ${result.title}`);
  for (const line of result.lines) console.log(`  ${LABEL[line.speaker]} ${line.text}`);
  console.log(
    `  (model called ${result.modelCalls}x; tools executed: ${result.executedTools.join(', ') || 'none'})\n`,
  );
}
await classifier.dispose();
