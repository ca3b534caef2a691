import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCrashText } from '../../../src/ingest/crash-text/index.js';
import type { Report } from '../../../src/model/report.js';

export const repoFile = (rel: string): string => fileURLToPath(new URL(`../../../${rel}`, import.meta.url));
export const readRepo = (rel: string): string => readFileSync(repoFile(rel), 'utf8');
export const parse = (text: string, startLine = 1): Report => parseCrashText(text, { path: 'test', startLine, documentIndex: 0 });
export const parseFile = (rel: string): Report => parse(readRepo(rel));
export const fixture = (name: string): Report => parseFile(`test/fixtures/crash-text/${name}`);
