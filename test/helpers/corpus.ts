import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

/** Corpus file names that pass `keep`, sorted; empty when the corpus is absent. */
export function corpusFiles(keep: (name: string) => boolean): string[] {
  return hasCorpus ? readdirSync(corpusDir).filter(keep).sort() : [];
}

export function corpusText(file: string): string {
  return readFileSync(`${corpusDir}${file}`, 'utf8');
}
