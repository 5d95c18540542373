/** Test helpers: the committed default model and its golden files, read from disk. */
import { readFile } from 'node:fs/promises';

const models = new URL('../models/', import.meta.url);

export async function readModelFile(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(new URL(name, models)));
}

export async function readModelJson<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(name, models), 'utf8')) as T;
}

export interface GoldenFeatures {
  prompt: string;
  response?: string;
  promptTokens: string[];
  promptWords: number[];
  promptNgrams: number[];
  responseWords: number[];
  responseNgrams: number[];
}

export interface GoldenOutputs {
  prompt: string;
  response?: string;
  unsafeProb: number;
  severityProbs: number[];
  categoryProbs: number[];
}
