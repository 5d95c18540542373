/**
 * Splits a long token list into overlapping windows (`size` tokens, starting every `stride`), so
 * a harmful passage late in a long answer is still inside some window. Short lists give one window.
 */
export function tokenWindows<T>(tokens: readonly T[], size: number, stride: number): T[][] {
  if (tokens.length <= size) return [tokens.slice()];
  const windows: T[][] = [];
  for (let start = 0; ; start += stride) {
    windows.push(tokens.slice(start, start + size));
    if (start + size >= tokens.length) break;
  }
  return windows;
}
