import type { Decision, Stage } from '@rampart/core';
import { assemble } from '../assemble.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function summary(decision: Decision): string {
  const lines = [`${decision.action.toUpperCase()} (severity ${decision.severity})`];
  for (const f of decision.findings) {
    lines.push(
      `  - ${f.action} ${f.category ?? f.guard}/${f.severity} score=${f.score.toFixed(3)} ${f.message}`,
    );
  }
  if (!decision.allowed) lines.push(`  replacement: ${decision.replacement}`);
  else if (decision.action === 'redact') lines.push(`  text: ${decision.text}`);
  return lines.join('\n');
}

/** `rampart check [--stage] [--policy] [--json] <text | ->`; exit 0 when allowed, 1 when not. */
export async function checkCommand(args: {
  text: string;
  stage: Stage;
  policy?: string;
  json: boolean;
}): Promise<number> {
  const text = args.text === '-' ? await readStdin() : args.text;
  const { chain, classifier } = await assemble(args.policy);
  const decision = await chain.check(args.stage, text);
  console.log(args.json ? JSON.stringify(decision) : summary(decision));
  await classifier.dispose();
  return decision.allowed ? 0 : 1;
}
