/** The built-in signatures, bundled into the page as data by scripts/build-web.mjs and validated like files on disk. */
import files from 'paniclens:builtin-signatures';
import { loadSignatureSet, type LoadResult } from '../diagnose/load-signatures.js';

let loaded: LoadResult | undefined;

export function builtinSignatures(): LoadResult {
  loaded ??= loadSignatureSet(files);
  return loaded;
}
