/** Edge: reads signatures/skip-frames.json once per thread and checks it (skipFileProblems follows its schema). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_SIGNATURE_DIR } from '../../diagnose/read-signatures.js';
import { SkipList, skipFileProblems, type SkipFile } from '../skip-list.js';

// Beside the built-in signatures (resolved where the CLI bundle and the modules both find it).
export const SKIP_FRAMES_FILE = join(BUILTIN_SIGNATURE_DIR, 'skip-frames.json');
export const SKIP_FRAMES_SCHEMA = join(BUILTIN_SIGNATURE_DIR, 'skip-frames.schema.json');

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
