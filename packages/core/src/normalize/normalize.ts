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

/** Zero-width characters, bidi controls, soft hyphen and BOM: invisible, used to split words. */
const INVISIBLE = /^[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]$/;
const COMBINING_MARK = /\p{M}/u;

function foldCodePoint(char: string, options: Required<NormalizeOptions>): string {
  if (INVISIBLE.test(char)) return '';
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
  const pieces: string[] = [];
  // Worst case NFKC expands a code point to 18 chars; grow lazily instead of allocating that.
  let starts = new Uint32Array(input.length + 16);
  let ends = new Uint32Array(input.length + 16);
  let length = 0;
  let i = 0;
  while (i < input.length) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const char = input.slice(i, i + width);
    // ASCII fast path: most text is ASCII and needs only case and leet folding.
    const folded =
      cp < 0x80 ? (opts.lowercase ? char.toLowerCase() : char) : foldCodePoint(char, opts);
    const leeted = cp < 0x80 && opts.leet ? (LEET[folded] ?? folded) : folded;
    if (length + leeted.length > starts.length) {
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(Math.max(a.length * 2, length + leeted.length));
        b.set(a);
        return b;
      };
      starts = grow(starts);
      ends = grow(ends);
    }
    for (let k = 0; k < leeted.length; k++) {
      starts[length] = i;
      ends[length] = i + width;
      length++;
    }
    pieces.push(leeted);
    i += width;
  }
  return { text: pieces.join(''), starts: starts.subarray(0, length), ends: ends.subarray(0, length) };
}

/** Maps `[start, end)` in normalised text back to the original text. */
export function toOriginalSpan(normalized: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (end <= start || normalized.starts.length === 0) return { start: 0, end: 0 };
  const s = Math.min(start, normalized.starts.length - 1);
  const e = Math.min(end, normalized.ends.length) - 1;
  return { start: normalized.starts[s]!, end: normalized.ends[e]! };
}
