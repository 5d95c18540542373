import { ConfigValidationError } from '../errors.js';
import type { Guard, Stage } from '../guard.js';

/** Options of {@link sizeLimitGuard}. */
export interface SizeLimitGuardOptions {
  /** Most UTF-16 code units allowed. */
  maxChars?: number;
  /** Most UTF-8 bytes allowed. */
  maxBytes?: number;
  name?: string;
  stages?: readonly Stage[];
}

/** UTF-8 length without allocating the encoded bytes (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Rejects text over a size limit (category `size_limit`, severity severe): protects guards and models downstream. */
export function sizeLimitGuard(options: SizeLimitGuardOptions): Guard {
  const { maxChars, maxBytes } = options;
  for (const [field, value] of Object.entries({ maxChars, maxBytes })) {
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new ConfigValidationError('size limit guard', [
        { path: field, message: 'must be a positive integer' },
      ]);
    }
  }
  if (maxChars === undefined && maxBytes === undefined) {
    throw new ConfigValidationError('size limit guard', [
      { path: 'maxChars', message: 'set maxChars or maxBytes' },
    ]);
  }
  const name = options.name ?? 'size-limit';
  return {
    name,
    stages: options.stages ?? ['input', 'output', 'tool'],
    check(text) {
      if (maxChars !== undefined && text.length > maxChars) {
        return [
          {
            guard: name,
            category: 'size_limit',
            severity: 'severe',
            score: 1,
            message: `Text has ${text.length} characters; the limit is ${maxChars}`,
          },
        ];
      }
      if (maxBytes !== undefined) {
        const bytes = utf8Length(text);
        if (bytes > maxBytes) {
          return [
            {
              guard: name,
              category: 'size_limit',
              severity: 'severe',
              score: 1,
              message: `Text has ${bytes} UTF-8 bytes; the limit is ${maxBytes}`,
            },
          ];
        }
      }
      return [];
    },
  };
}
