import { CONFUSABLES, LEET } from './confusables.js';

/** Which folding steps to apply. NFKC and invisible-character removal always run. */
export interface NormalizeOptions {
  /** Lower-case the text (default true). */
  lowercase?: boolean;
  /** Fold homoglyphs (Cyrillic/Greek look-alikes) to Latin (default true). */
  confusables?: boolean;
  /** Read leetspeak digits/symbols as letters (default false: it would break numbers). */
  leet?: boolean;
  /** Strip combining marks after NFKD-style decomposition, so "é" matches "e" (default true). */
  stripMarks?: boolean;
}

/** Normalised text with a map back to the original. */
export interface NormalizedText {
  text: string;
  /** `starts[i]`: index in the original of the code point that produced normalised char i. */
  starts: Uint32Array;
  /** `ends[i]`: end (exclusive) in the original of that code point. */
  ends: Uint32Array;
}

/**
 * Zero-width characters, bidi controls, variation selectors, soft hyphen and BOM, as code point
 * ranges: invisible, and used to split words so filters miss them.
 */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([lo, hi]) => codePoint >= lo && codePoint <= hi);
}

const COMBINING_MARK = /\p{M}/u;

function foldCodePoint(char: string, options: Required<NormalizeOptions>): string {
  if (isInvisible(char.codePointAt(0)!)) return '';
  let folded = char.normalize('NFKC');
  if (options.lowercase) folded = folded.toLowerCase();
  if (options.stripMarks) {
    folded = Array.from(folded.normalize('NFD'))
      .filter((c) => !COMBINING_MARK.test(c))
      .join('');
  }
  if (options.confusables || options.leet) {
    let out = '';
    for (const c of folded) out += (options.confusables && CONFUSABLES[c]) || (options.leet && LEET[c]) || c;
    folded = out;
  }
  return folded;
}

/**
 * Normalises text for matching (NFKC, invisible characters removed, case, marks, homoglyphs,
 * optionally leetspeak) while remembering where each output character came from, so a match in
 * the normalised text maps back to a span of the original with {@link toOriginalSpan}.
 * Folding is per code point, so it is linear in the input and safe on lone surrogates.
 */
export function normalizeForMatching(input: string, options: NormalizeOptions = {}): NormalizedText {
  const opts: Required<NormalizeOptions> = {
    lowercase: options.lowercase ?? true,
    confusables: options.confusables ?? true,
    leet: options.leet ?? false,
    stripMarks: options.stripMarks ?? true,
  };
  const key = `${+opts.lowercase}${+opts.confusables}${+opts.leet}${+opts.stripMarks}`;
  const cached = recent.find((r) => r.key === key && r.input === input);
  if (cached) return cached.result;
  const result = normalizeUncached(input, opts);
  recent.unshift({ key, input, result });
  if (recent.length > RECENT_LIMIT) recent.pop();
  return result;
}

/**
 * The last few results: the guards of one chain check all normalise the same string, often with
 * the same options, so they share the work. Small on purpose (texts can be 1 MB).
 */
const RECENT_LIMIT = 4;
const recent: Array<{ key: string; input: string; result: NormalizedText }> = [];

function normalizeUncached(input: string, opts: Required<NormalizeOptions>): NormalizedText {
  // NFKC can expand one code point to many chars; start at the input length and grow when needed.
  let starts = new Uint32Array(input.length);
  let ends = new Uint32Array(input.length);
  let length = 0;
  let text = '';
  const ensureCapacity = (extra: number) => {
    if (length + extra > starts.length) {
      const size = Math.max(starts.length * 2, length + extra);
      const grownStarts = new Uint32Array(size);
      const grownEnds = new Uint32Array(size);
      grownStarts.set(starts);
      grownEnds.set(ends);
      starts = grownStarts;
      ends = grownEnds;
    }
  };
  const append = (piece: string, from: number, to: number) => {
    ensureCapacity(piece.length);
    for (let k = 0; k < piece.length; k++) {
      starts[length] = from;
      ends[length] = to;
      length++;
    }
    text += piece;
  };
  let i = 0;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code < 0x80) {
      // ASCII fast path: most text is ASCII and needs only case and leet folding.
      let char = opts.lowercase && code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : input[i]!;
      if (opts.leet) char = LEET[char] ?? char;
      ensureCapacity(1);
      starts[length] = i;
      ends[length] = i + 1;
      length++;
      text += char;
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    append(foldCodePoint(input.slice(i, i + width), opts), i, i + width);
    i += width;
  }
  return { text, starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** Maps `[start, end)` in normalised text back to the original text. */
export function toOriginalSpan(
  normalized: NormalizedText,
  start: number,
  end: number,
): { start: number; end: number } {
  if (end <= start || normalized.starts.length === 0) return { start: 0, end: 0 };
  const s = Math.min(start, normalized.starts.length - 1);
  const e = Math.min(end, normalized.ends.length) - 1;
  return { start: normalized.starts[s]!, end: normalized.ends[e]! };
}
