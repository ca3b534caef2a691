/** Edge: reads signatures/skip-frames.json once per thread and checks it (skipFileProblems follows its schema). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SkipList, skipFileProblems, type SkipFile } from '../skip-list.js';

export const SKIP_FRAMES_FILE = fileURLToPath(new URL('../../../signatures/skip-frames.json', import.meta.url));
export const SKIP_FRAMES_SCHEMA = fileURLToPath(new URL('../../../signatures/skip-frames.schema.json', import.meta.url));

let cached: SkipList | undefined;

/** The shipped skip list, checked; a broken file is an internal error (it ships with paniclens). */
export function loadSkipList(): SkipList {
  if (cached) return cached;
  const value = JSON.parse(readFileSync(SKIP_FRAMES_FILE, 'utf8')) as unknown;
  const errors = skipFileProblems(value);
  if (errors.length > 0) throw new Error(`${SKIP_FRAMES_FILE}: ${errors.join('; ')}`);
  cached = new SkipList(value as SkipFile);
  return cached;
}
