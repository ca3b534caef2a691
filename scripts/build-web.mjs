/**
 * Builds the page (src/web) into static files: index.html, app.js (one classic script: ES modules do not load from
 * file://), style.css, favicon.svg, and cxx-demangle.js, which carries the C++ demangler's WebAssembly as base64 (a
 * script is the one way a file:// page can read a file beside it). The built-in signatures are bundled as data.
 * Usage: node scripts/build-web.mjs [OUT_DIR]   (default dist/web)
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** `import files from 'paniclens:builtin-signatures'`: every signatures/*.json as { name, value }, read at build time. */
const signaturesPlugin = {
  name: 'builtin-signatures',
  setup(b) {
    b.onResolve({ filter: /^paniclens:builtin-signatures$/ }, (args) => ({ path: args.path, namespace: 'signatures' }));
    b.onLoad({ filter: /.*/, namespace: 'signatures' }, () => {
      const dir = join(root, 'signatures');
      const names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
      // The folder also holds the schema and test data (expected matches, corpus diagnoses): a signature file is
      // the one with a "signatures" list, valid or not, so a broken built-in still shows its validation error.
      const files = names
        .map((n) => ({ name: `signatures/${n}`, value: JSON.parse(readFileSync(join(dir, n), 'utf8')) }))
        .filter((f) => f.value !== null && typeof f.value === 'object' && 'signatures' in f.value);
      return { contents: `export default ${JSON.stringify(files)};`, loader: 'js', watchFiles: names.map((n) => join(dir, n)) };
    });
  },
};

/** Build into `outDir`; returns the files written with their sizes in bytes. */
export async function buildWeb(outDir = join(root, 'dist', 'web')) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [join(root, 'src/web/app/main.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minify: true,
    legalComments: 'eof',
    outfile: join(outDir, 'app.js'),
    plugins: [signaturesPlugin],
    logLevel: 'warning',
    // gecko-profiler-demangle's glue names Node's util only when TextEncoder is missing, which no browser is.
    logOverride: { 'commonjs-variable-in-esm': 'silent' },
  });
  for (const f of ['index.html', 'style.css', 'favicon.svg']) copyFileSync(join(root, 'src/web/static', f), join(outDir, f));
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(require.resolve('gecko-profiler-demangle/index_bg.wasm'));
  writeFileSync(
    join(outDir, 'cxx-demangle.js'),
    `// gecko-profiler-demangle (MIT/Apache-2.0): the C++ demangler's WebAssembly, as base64 so that file:// pages can load it.\nglobalThis.paniclensCxxWasm=${JSON.stringify(wasm.toString('base64'))};\n`,
  );
  return Object.fromEntries(readdirSync(outDir).sort().map((f) => [f, statSync(join(outDir, f)).size]));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const t0 = performance.now();
  const sizes = await buildWeb(process.argv[2]);
  const list = Object.entries(sizes).map(([f, n]) => `${f} ${(n / 1024).toFixed(0)} KB`).join(', ');
  console.log(`build:web ${(performance.now() - t0).toFixed(0)} ms: ${list}`);
}
