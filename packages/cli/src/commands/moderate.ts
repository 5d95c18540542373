import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { assemble } from '../assemble.js';
import { countLines, readJsonl } from '../jsonl.js';
import { type ModerationInput, moderate, validateInput } from '../moderation-record.js';

/**
 * `rampart moderate <in.jsonl> [-o out.jsonl] [--policy] [--concurrency N]`: writes each valid
 * line with a `rampart` field added, in input order. Bad lines are reported on stderr with their
 * line number and skipped; the exit code is 1 when any line was skipped.
 */
export async function moderateCommand(args: {
  input: string;
  output?: string;
  policy?: string;
  concurrency: number;
}): Promise<number> {
  const assembled = await assemble(args.policy);
  const out = args.output ? createWriteStream(args.output, { encoding: 'utf8' }) : process.stdout;
  const total = await countLines(args.input);
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'moderating [{bar}] {value}/{total} lines | {eta}s left',
  });
  if (total > 0) bar.start(total, 0);

  // The progress bar redraws its line on a TTY: start messages on a fresh line there.
  const lead = process.stderr.isTTY ? '\n' : '';
  let skipped = 0;
  let done = 0;
  const inFlight = new Set<Promise<void>>();
  // Results are written strictly in input order, whatever order they finish in.
  const results: Array<Promise<string | null>> = [];
  let writeIndex = 0;
  const flush = async () => {
    while (writeIndex < results.length) {
      const line = await results[writeIndex]!;
      if (line !== null && !out.write(`${line}\n`)) await once(out, 'drain');
      writeIndex++;
    }
  };

  for await (const line of readJsonl(args.input)) {
    const problem = line.error ?? validateInput(line.value);
    if (problem) {
      skipped++;
      done++;
      bar.increment();
      process.stderr.write(`${lead}line ${line.lineNumber}: skipped: ${problem}\n`);
      continue;
    }
    const record = line.value as ModerationInput;
    const result = moderate(assembled, record).then(
      (rampart) => JSON.stringify({ ...record, rampart }),
      (error: unknown) => {
        skipped++;
        process.stderr.write(
          `${lead}line ${line.lineNumber}: skipped: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        return null;
      },
    );
    results.push(result);
    const tracked: Promise<void> = result.then(() => {
      done++;
      bar.increment();
      inFlight.delete(tracked);
    });
    inFlight.add(tracked);
    if (inFlight.size >= args.concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await flush();
  if (total > 0) bar.stop();
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  await assembled.classifier.dispose();
  process.stderr.write(`moderated ${done - skipped} lines, skipped ${skipped}\n`);
  return skipped > 0 ? 1 : 0;
}
