// Bundles the CLI (and the triage worker) into dist/cli/ so `paniclens` starts from a few files
// instead of resolving ~200 modules and their dependencies': start-up is most of the time of `analyze` on one report.
// Commands load their code on demand through dynamic imports, which esbuild splits into chunks.
// Every bundle sits two folders below the package, like the modules it replaces, so paths built
// from import.meta.url (signatures/, package.json) resolve the same.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

// Chunks of an earlier build would pile up: their names carry a content hash.
for (const f of readdirSync(new URL('../dist/cli/', import.meta.url), { withFileTypes: true })) {
  if (f.isFile() && /-[A-Z0-9]{8}\.js$/.test(f.name)) rmSync(new URL(`../dist/cli/${f.name}`, import.meta.url));
}

/**
 * commander requires node:child_process at load time, for subcommands run as separate executables,
 * which paniclens has none of; loading it (and net, dgram... behind it) costs ~10 ms of every start.
 * Its require gets a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let real; const load = () => (real ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_t, k) => load()[k], has: (_t, k) => k in load() });",
      loader: 'js',
    }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/triage/node/worker.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies are bundled too (each is dozens of files to resolve otherwise); the C++ demangler
  // stays external because it finds its .wasm beside its own files.
  external: ['gecko-profiler-demangle', 'gecko-profiler-demangle/*'],
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __paniclensRequire } from 'node:module'; const require = __paniclensRequire(import.meta.url);" },
  // Chunks beside the entries: at the same depth, so import.meta.url paths hold in them too.
  chunkNames: '[name]-[hash]',
  // Less to parse at every start; names are kept for readable stack traces under --debug.
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [lazyChildProcess],
  logLevel: 'warning',
});

// The built-in signature files, validated and compiled now, are copied to dist/validated-signatures/:
// at run time a built-in file with the same bytes skips validation (src/diagnose/read-signatures.ts).
// A built-in file that does not load cleanly fails the build.
{
  const { readSignatureFiles, BUILTIN_SIGNATURE_DIR } = await import('../dist/diagnose/read-signatures.js');
  const { loadSignatureSet } = await import('../dist/diagnose/load-signatures.js');
  const raw = readSignatureFiles(BUILTIN_SIGNATURE_DIR);
  const errors = [...raw.errors, ...loadSignatureSet(raw.files).errors];
  if (errors.length > 0) {
    for (const e of errors) console.error(`${e.path}: ${e.pointer}: ${e.message}`);
    process.exit(1);
  }
  const out = new URL('../dist/validated-signatures/', import.meta.url);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const f of raw.files) copyFileSync(f.name, new URL(basename(f.name), out));
}
