const SENTENCE_END = new Set(['.', '!', '?', '…', '。', '！', '？']);
const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/**
 * Where to cut `text` so that at most `limit` characters are released: after the last sentence
 * end, else after the last whitespace, else (only when `hardCut`) at `limit`, else 0, so an
 * unfinished word (half an email address, say) waits for the rest. Never splits a surrogate pair.
 */
export function chooseCutPoint(text: string, limit: number, hardCut = true): number {
  if (limit <= 0) return 0;
  if (limit >= text.length) return text.length;
  let lastSpace = -1;
  for (let i = limit; i > 0; i--) {
    const prev = text[i - 1];
    if (prev === '\n') return i;
    if (isSpace(prev)) {
      if (SENTENCE_END.has(text[i - 2] ?? '')) return i;
      if (lastSpace < 0) lastSpace = i;
    }
  }
  if (lastSpace > 0) return lastSpace;
  if (!hardCut) return 0;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
