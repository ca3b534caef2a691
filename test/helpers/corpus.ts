import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The third-party corpus beside the repository (../shared/corpus); tests skip when it is absent. */
export const corpusDir = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));
export const hasCorpus = existsSync(`${corpusDir}MANIFEST.json`);

export interface CorpusEntry {
  file: string;
  kind: string;
  platform?: string;
  arch?: string;
  notes?: string;
}

export function corpusManifest(): CorpusEntry[] {
  return hasCorpus ? (JSON.parse(readFileSync(`${corpusDir}MANIFEST.json`, 'utf8')) as CorpusEntry[]) : [];
}

export function corpusBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(`${corpusDir}${file}`));
}
