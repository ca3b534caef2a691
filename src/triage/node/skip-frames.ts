/** The skip list triage fingerprints with, built once per thread from the shared knowledge lists. */
import { sharedSkipList, type SkipList } from '../skip-list.js';

let cached: SkipList | undefined;

export function loadSkipList(): SkipList {
  cached ??= sharedSkipList();
  return cached;
}
