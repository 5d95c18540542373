import { RampartError } from '@rampart/core';

/** The model bytes do not match the manifest (tampered, truncated or the wrong file). */
export class ModelIntegrityError extends RampartError {
  readonly expected: string;
  readonly actual: string;
  constructor(expected: string, actual: string, bytes: number, expectedBytes: number) {
    super(
      'INVALID_CONFIG',
      `Model integrity check failed: sha-256 ${actual} (${bytes} bytes) does not match the manifest's ${expected} (${expectedBytes} bytes). Refusing to load it.`,
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** Hex SHA-256 with WebCrypto (Node 20, browsers and Edge runtimes all have it). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Throws {@link ModelIntegrityError} unless `bytes` hash to `expected`. */
export async function verifyModelBytes(
  bytes: Uint8Array,
  expected: string,
  expectedBytes: number,
): Promise<void> {
  const actual = await sha256Hex(bytes);
  if (actual !== expected) throw new ModelIntegrityError(expected, actual, bytes.byteLength, expectedBytes);
}
