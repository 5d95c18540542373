import type { Stage } from '../guard.js';

/** Where a chain stores evaluations it may reuse. Any Map-like store with these two methods fits. */
export interface DecisionCache<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** A least-recently-used cache holding at most `maxEntries` values. */
export class LruCache<V> implements DecisionCache<V> {
  readonly #entries = new Map<string, V>();
  readonly maxEntries: number;

  constructor(maxEntries = 1000) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1)
      throw new RangeError('maxEntries must be a positive integer');
    this.maxEntries = maxEntries;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Re-insert so Map iteration order tracks recency.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}

/**
 * SHA-256 of the text's UTF-16 code units (WebCrypto, so it runs in Node, browsers and Edge).
 * Hashing code units rather than UTF-8 keeps texts with different lone surrogates distinct.
 */
async function sha256OfCodeUnits(text: string): Promise<string> {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  const digest = await crypto.subtle.digest('SHA-256', units);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Cache key: stage + policy version + hash of the exact text. */
export async function decisionCacheKey(stage: Stage, policyVersion: string, text: string): Promise<string> {
  return `${stage}|${policyVersion}|${await sha256OfCodeUnits(text)}`;
}
