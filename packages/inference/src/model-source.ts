import { type ModelManifest, parseManifest } from './manifest.js';

/** Where the model comes from. */
export type ModelSource =
  /** The default model shipped in this package (`models/`). */
  | 'default'
  /** A manifest URL; the model file is resolved relative to it (`manifest.model.file`). */
  | { manifestUrl: string | URL }
  /** Bytes and manifest already in hand (Edge bundles, IndexedDB caches, tests). */
  | { bytes: Uint8Array; manifest: unknown };

/** Progress of loading: download of the model bytes, then compiling a session. */
export interface LoadProgress {
  phase: 'download' | 'verify' | 'compile' | 'ready';
  loadedBytes?: number;
  totalBytes?: number;
}

/** The manifest of the default model, as a URL relative to this module (bundlers rewrite it). */
export function defaultManifestUrl(): URL {
  return new URL('../models/rampart-severity.manifest.json', import.meta.url);
}

// Kept in a variable so bundlers for browsers and Edge do not try to resolve it.
const NODE_FS = 'node:fs/promises';

async function readFileUrl(url: URL): Promise<Uint8Array> {
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as { readFile(url: URL): Promise<Uint8Array> };
  return new Uint8Array(await fs.readFile(url));
}

/** Fetches bytes (or reads them, for file: URLs in Node), reporting download progress. */
export async function fetchBytes(url: URL, onProgress?: (p: LoadProgress) => void): Promise<Uint8Array> {
  if (url.protocol === 'file:') {
    const bytes = await readFileUrl(url);
    onProgress?.({ phase: 'download', loadedBytes: bytes.byteLength, totalBytes: bytes.byteLength });
    return bytes;
  }
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`Could not fetch ${url.href}: HTTP ${response.status}`);
  const total = Number(response.headers.get('content-length')) || undefined;
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    loaded += value.byteLength;
    onProgress?.({ phase: 'download', loadedBytes: loaded, ...(total ? { totalBytes: total } : {}) });
  }
  const bytes = new Uint8Array(loaded);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/** Resolves a source into verified-ready bytes and a validated manifest. */
export async function loadModelSource(
  source: ModelSource,
  onProgress?: (p: LoadProgress) => void,
): Promise<{ bytes: Uint8Array; manifest: ModelManifest }> {
  if (source !== 'default' && 'bytes' in source) {
    return { bytes: source.bytes, manifest: parseManifest(source.manifest) };
  }
  const manifestUrl = source === 'default' ? defaultManifestUrl() : new URL(source.manifestUrl);
  const manifestText = new TextDecoder().decode(await fetchBytes(manifestUrl));
  const manifest = parseManifest(JSON.parse(manifestText));
  const bytes = await fetchBytes(new URL(manifest.model.file, manifestUrl), onProgress);
  return { bytes, manifest };
}
