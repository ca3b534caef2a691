import { readFileSync } from 'node:fs';
import { parseIps } from '../../../src/ingest/ips/index.js';
import type { Report } from '../../../src/model/report.js';

/** Repository-relative file read (samples/, test/fixtures/). */
export function repoFile(rel: string): string {
  return readFileSync(new URL(`../../../${rel}`, import.meta.url), 'utf8');
}

export function parse(text: string, path = 'test.ips'): Report {
  return parseIps(text, { path, startLine: 1, documentIndex: 0 });
}

export function parseFile(rel: string): Report {
  return parse(repoFile(rel), rel);
}
