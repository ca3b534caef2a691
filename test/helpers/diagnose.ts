import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestText } from '../../src/ingest/index.js';
import type { Report } from '../../src/model/report.js';
import { builtinSignatures } from '../../src/diagnose/read-signatures.js';
import { diagnose, type DiagnoseResult } from '../../src/diagnose/index.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const signatureFixtureDir = `${repoRoot}test/fixtures/signatures/`;

/** Reports of a text through the real ingesters (the same front door as `analyze`). */
export function reportsFromText(text: string, path: string): Report[] {
  const res = ingestText(text, path);
  if (res.errors.length > 0) throw new Error(`${path}: ${res.errors.map((e) => e.message).join('; ')}`);
  return res.reports;
}

export function reportsFromFile(file: string): Report[] {
  return reportsFromText(readFileSync(file, 'utf8'), file.startsWith(repoRoot) ? file.slice(repoRoot.length) : file);
}

export function diagnoseFiles(files: string[]): DiagnoseResult {
  return diagnose(files.flatMap(reportsFromFile), builtinSignatures().signatures);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? filesUnder(p) : [p];
    });
}

/** Every text file of the project's samples/ and test/fixtures/ (binaries and archives left out), in a stable order. */
export function localTextFiles(): string[] {
  return [...filesUnder(`${repoRoot}samples`), ...filesUnder(`${repoRoot}test/fixtures`)].filter((f) => !/\.(dylib|o|a|wasm|zip|gz|tar)$/.test(f));
}
