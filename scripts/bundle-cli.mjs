// Bundles the CLI into dist/cli/: the program as one script with a V8 code cache, a small launcher
// (the executable) and the triage worker. Start-up is most of the time of `analyze` on one report,
// and resolving, reading and compiling ~200 modules (or ~30 chunks) was most of start-up.
// Every bundle sits two folders below the package, like the modules it replaces, so paths built
// from import.meta.url (signatures/, package.json) resolve the same.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCodeCache } from './write-code-cache.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

// Chunks of earlier (split) builds would linger: their names carry a content hash.
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

/**
 * Libraries only some commands use (processes, plists, archives, progress bars) are bundled
 * into files of their own under dist/cli/vendor/ and required from there on first use: every start
 * reads the program's source (for V8's code cache check), and these were ~40% of it.
 * Each is a leaf of our code: it shares no state with the program, so a separate copy is safe.
 */
const VENDOR = ['execa', 'plist', 'bplist-parser', 'yauzl', 'tar-stream', 'cli-progress'];
/** The vendor packages the program imports a default export of. */
const DEFAULT_EXPORT = new Set(['yauzl', 'tar-stream', 'cli-progress']);
const vendorName = (pkg) => pkg.replace(/[^a-z0-9-]/g, '-');
const vendorChunks = {
  name: 'vendor-chunks',
  setup(b) {
    const names = new Set(VENDOR);
    b.onResolve({ filter: /^[a-z@]/ }, (args) =>
      names.has(args.path) && !/[\\/]node_modules[\\/]/.test(args.importer) ? { path: `./vendor/${vendorName(args.path)}.cjs`, external: true } : undefined,
    );
  },
};

/** cli-table3's string-width goes through src/cli/string-width.ts (printable ASCII answered at once). */
const tableWidth = {
  name: 'table-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, (args) =>
      /[\\/]node_modules[\\/]cli-table3[\\/]/.test(args.importer) ? { path: 'string-width', namespace: 'table-width' } : undefined,
    );
    // cli-table3 requires it as CommonJS: the function itself, not a module namespace.
    b.onLoad({ filter: /.*/, namespace: 'table-width' }, () => ({
      contents: `module.exports = require(${JSON.stringify(fileURLToPath(new URL('../src/cli/string-width.ts', import.meta.url)))}).default;`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * fdir (under tinyglobby) loads picomatch at start-up for its own glob() through a require it makes
 * at run time, which esbuild cannot see: every triage resolved and compiled picomatch from
 * node_modules (~18 M instructions, ~8% of a triage of one file) beside the copy tinyglobby already
 * bundles. That require becomes a plain one, so the bundled copy serves both.
 */
const FDIR_PICOMATCH = '__require.resolve("picomatch");\n\tpm = __require("picomatch");';
const fdirBundledPicomatch = {
  name: 'fdir-bundled-picomatch',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]fdir[\\/]dist[\\/]index\.mjs$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(FDIR_PICOMATCH)) {
        return { contents: source, loader: 'js', warnings: [{ text: 'fdir no longer loads picomatch as expected: the bundled-picomatch rewrite was not applied' }] };
      }
      return { contents: source.replace(FDIR_PICOMATCH, 'pm = require("picomatch");'), loader: 'js' };
    });
  },
};

/**
 * For a CommonJS output whose code reads import.meta.url (an ES module's own URL): the file's own
 * URL, made once at the top.
 */
const ownUrl = (name) => ({
  define: { 'import.meta.url': name },
  banner: { js: `var ${name} = require('node:url').pathToFileURL(__filename).href;` },
});

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Less to read and parse at every start. Short local and function names also make the code
  // cache smaller: reading it interns every name it holds (~4% of the instructions of `analyze`
  // on one report went to the longer names).
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  plugins: [lazyChildProcess],
  logLevel: 'warning',
};

// The program: one CommonJS script with every command in it, run by the launcher with V8's code
// cache (src/cli/launch.ts). Commands still initialise on demand: esbuild turns their import()
// into lazy module initialisers, and V8 compiles a function only when it first runs.
await build({
  ...common,
  entryPoints: { paniclens: 'src/cli/main.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The launcher passes the script's own file URL; paths built from it (signatures/, package.json,
  // worker.js, web/) resolve as from any module two folders below the package.
  define: { 'import.meta.url': '__paniclensUrl', __PANICLENS_VERSION__: JSON.stringify(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version) },
  // Names are minified (see common): stack traces under --debug point into the bundle, and
  // dist/cli/paniclens.cjs.map (not read at run time) maps them back to src/. Not keepNames: it wraps
  // every closure a hot function creates in a __name() call (about 2% of a triage run's instructions).
  sourcemap: 'external',
  // import() of Node built-ins becomes require(): dynamic import from a script run with a code
  // cache has no loader to call ("A dynamic import callback was not specified").
  supported: { 'dynamic-import': false },
  plugins: [...common.plugins, vendorChunks, tableWidth, fdirBundledPicomatch],
  // The file is the function the launcher calls, wrapper included: wrapping it at run time joined
  // two strings that V8 then copied whole before compiling.
  banner: { js: '(function (exports, require, module, __filename, __dirname, __paniclensUrl) {' },
  footer: { js: '})' },
});
rmSync(new URL('../dist/cli/vendor/', import.meta.url), { recursive: true, force: true });
for (const pkg of VENDOR) {
  await build({
    ...common,
    // An ES module re-exporting the package: its named exports, and its default where it has one
    // (CommonJS packages); the program's import interop reads either from the CommonJS output.
    stdin: { contents: `export * from ${JSON.stringify(pkg)};${DEFAULT_EXPORT.has(pkg) ? ` export { default } from ${JSON.stringify(pkg)};` : ''}`, resolveDir: root, loader: 'js' },
    outfile: `dist/cli/vendor/${vendorName(pkg)}.cjs`,
    format: 'cjs',
    // ES module builds of a package may build paths from import.meta.url (createRequire).
    ...ownUrl('__vendorUrl'),
  });
}
if (/\bimport\(/.test(readFileSync(new URL('../dist/cli/paniclens.cjs', import.meta.url), 'latin1'))) {
  console.error('bundle-cli: dist/cli/paniclens.cjs still holds an import(), which fails under the code cache');
  process.exit(1);
}

// The launcher (the `paniclens` executable), as CommonJS: an ES module entry starts node's ES module
// loader (~4% of the instructions of `analyze` on one report). Then the triage worker, an ES module.
rmSync(new URL('../dist/cli/main.js', import.meta.url), { force: true });
await build({
  ...common,
  entryPoints: { main: 'src/cli/launch.ts' },
  outdir: 'dist/cli',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  ...ownUrl('__launcherUrl'),
});
// The executable starts node with V8's background threads sized to the machine (--v8-pool-size=0:
// one fewer than the cores) instead of Node's fixed four. On a two-core machine four compile and GC
// threads took CPU from the main thread while a batch warmed up: triage of the legacy set 0.88x the
// time, --jobs 2 0.91x; analyze of one report unchanged. The #! line runs sh, which replaces itself
// with node; to JavaScript the second line is a string and a comment. `node main.cjs` runs as before.
{
  const launcher = new URL('../dist/cli/main.cjs', import.meta.url);
  const text = readFileSync(launcher, 'utf8');
  const hashbang = '#!/usr/bin/env node\n';
  if (!text.startsWith(hashbang)) {
    console.error('bundle-cli: dist/cli/main.cjs does not start with the expected #! line');
    process.exit(1);
  }
  writeFileSync(launcher, `#!/bin/sh\n":" //; exec node --v8-pool-size=0 "$0" "$@"\n${text.slice(hashbang.length)}`);
}
await build({
  ...common,
  entryPoints: { worker: 'src/triage/node/worker.ts' },
  outdir: 'dist/cli',
  format: 'esm',
  // Bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __paniclensRequire } from 'node:module'; const require = __paniclensRequire(import.meta.url);" },
});

// The built-in signature files, validated and compiled now, are copied to dist/validated-signatures/:
// at run time a built-in file with the same bytes skips validation and is read from its compact form
// (src/diagnose/read-signatures.ts).
// A built-in file that does not load cleanly fails the build.
{
  const { readSignatureFiles, BUILTIN_SIGNATURE_DIR, COMPACT_SUFFIX } = await import('../dist/diagnose/read-signatures.js');
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
  for (const f of raw.files) {
    copyFileSync(f.name, new URL(basename(f.name), out));
    // The same value in the form cheapest to parse: no spaces, ASCII only (read as latin1).
    const compact = JSON.stringify(f.value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    writeFileSync(new URL(basename(f.name).replace(/\.json$/, COMPACT_SUFFIX), out), compact, 'latin1');
  }
}

// The code cache (scripts/write-code-cache.mjs).
if (!writeCodeCache()) {
  console.error('bundle-cli: the code cache was not written');
  process.exit(1);
}
