import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One line of a JSONL file: the parsed value, or (with `value` undefined) why it could not be parsed. */
export interface JsonlLine {
  lineNumber: number;
  value: unknown;
  error: string | null;
}

/** Reads a JSONL file (or stdin for "-") line by line; blank lines are skipped, bad ones reported. */
export async function* readJsonl(path: string): AsyncGenerator<JsonlLine> {
  const input = path === '-' ? process.stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      yield { lineNumber, value: JSON.parse(line), error: null };
    } catch (error) {
      yield {
        lineNumber,
        value: undefined,
        error: `invalid JSON (${error instanceof Error ? error.message : String(error)})`,
      };
    }
  }
}

/** Counts non-blank lines, for the progress bar total. */
export async function countLines(path: string): Promise<number> {
  if (path === '-') return 0;
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(path, { encoding: 'utf8' }) })) {
    if (line.trim() !== '') count++;
  }
  return count;
}
