#!/usr/bin/env node
import { parseArgs } from 'node:util';
import type { Stage } from '@rampart/core';
import { checkCommand } from './commands/check.js';
import { evalCommand } from './commands/eval.js';
import { moderateCommand } from './commands/moderate.js';

const USAGE = `rampart: guardrails from the command line

  rampart check [--stage input|output] [--policy file.json] [--json] <text | ->
  rampart moderate <in.jsonl> [-o out.jsonl] [--policy file.json] [--concurrency N]
  rampart eval <in.jsonl> [--split test] [--json metrics.json]

check exits 0 when the text is allowed, 1 when it is not; 2 means a usage error.`;

class UsageError extends Error {}

const OPTIONS = {
  check: {
    stage: { type: 'string', default: 'input' },
    policy: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
  moderate: {
    output: { type: 'string', short: 'o' },
    policy: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
  },
  eval: {
    split: { type: 'string' },
    json: { type: 'string' },
  },
} as const;

function parse<C extends keyof typeof OPTIONS>(command: C, args: string[]) {
  return parseArgs({ args, allowPositionals: true, options: OPTIONS[command] });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'check': {
      const { values, positionals } = parse('check', rest);
      const text = positionals[0];
      if (text === undefined) throw new UsageError('check needs a text or "-"');
      if (!['input', 'output', 'tool'].includes(values.stage)) {
        throw new UsageError('--stage must be input, output or tool');
      }
      return checkCommand({ text, stage: values.stage as Stage, policy: values.policy, json: values.json });
    }
    case 'moderate': {
      const { values, positionals } = parse('moderate', rest);
      const input = positionals[0];
      if (!input) throw new UsageError('moderate needs an input .jsonl file (or "-")');
      const concurrency = Number(values.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new UsageError('--concurrency must be a positive integer');
      }
      return moderateCommand({ input, output: values.output, policy: values.policy, concurrency });
    }
    case 'eval': {
      const { values, positionals } = parse('eval', rest);
      const input = positionals[0];
      if (!input) throw new UsageError('eval needs a labelled .jsonl file');
      return evalCommand({ input, split: values.split, json: values.json });
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
