import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The core (everything reachable from src/index.ts) must run in a browser: no Node built-ins, no
 * `process`, `Buffer` or `require`. Walks the static import graph and reads each file's source.
 */
const srcDir = fileURLToPath(new URL('../../src/', import.meta.url));
const NODE_BUILTINS = /^(node:|fs$|fs\/|path$|child_process$|os$|url$|worker_threads$|module$|crypto$|stream$|util$|events$|buffer$)/;
const NODE_GLOBALS = /\b(process\.(env|argv|exit|stdout|stderr|stdin|cwd|platform)|Buffer\.|require\()/;
/** Third-party packages the core may use: each works in a browser (string-width is cli-table3's own measure, plain JavaScript). */
const BROWSER_SAFE_PACKAGES = new Set(['ajv', 'cli-table3', 'string-width', 'plist', 'gecko-profiler-demangle']);

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]/gm)) specs.push(m[1] as string);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specs.push(m[1] as string);
  return specs;
}

function coreFiles(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const queue = [join(srcDir, 'index.ts')];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    const specs = importsOf(file);
    seen.set(file, specs);
    for (const s of specs) if (s.startsWith('.')) queue.push(join(dirname(file), s.replace(/\.js$/, '.ts')));
  }
  return seen;
}

describe('library core', () => {
  const files = coreFiles();

  it('reaches the stages it should export', () => {
    const rel = [...files.keys()].map((f) => f.slice(srcDir.length));
    for (const stage of ['ingest/ips/index.ts', 'diagnose/index.ts', 'report/text.ts', 'lint/index.ts', 'demangle/index.ts', 'symbolicate/macho/index.ts']) {
      expect(rel).toContain(stage);
    }
  });

  it('imports no Node built-in and only browser-safe packages', () => {
    const offenders: string[] = [];
    for (const [file, specs] of files) {
      for (const s of specs) {
        if (s.startsWith('.')) continue;
        if (NODE_BUILTINS.test(s) || !BROWSER_SAFE_PACKAGES.has(s.split('/')[0] as string)) offenders.push(`${file.slice(srcDir.length)} imports ${s}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('uses no Node globals', () => {
    const offenders = [...files.keys()].filter((f) => NODE_GLOBALS.test(readFileSync(f, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')));
    expect(offenders.map((f) => f.slice(srcDir.length))).toEqual([]);
  });
});
