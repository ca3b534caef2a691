/**
 * Writes test/fixtures/demangle/names.tsv: mangled names with their expected full and simplified
 * demanglings, built by a small mangler from the grammar (SWIFT-MANGLING.md, the Itanium ABI), so the
 * expectations do not come from the demangler under test. Run: npx tsx scripts/generate-demangle-names.ts
 */
import { writeFileSync } from 'node:fs';

type Row = [mangled: string, full: string, simplified: string];
const rows: Row[] = [];
const id = (s: string): string => `${s.length}${s}`;

// ---- Swift: an imaginary app's modules and types (each type is the first type mangled in its name).
interface Ty { module: string; name: string; kind: 'C' | 'V' | 'O' }
const types: Ty[] = [
  { module: 'Weather', name: 'Forecast', kind: 'C' }, { module: 'Weather', name: 'Station', kind: 'V' },
  { module: 'Checkout', name: 'Cart', kind: 'C' }, { module: 'Checkout', name: 'Receipt', kind: 'V' },
  { module: 'Ledger', name: 'Account', kind: 'C' }, { module: 'Ledger', name: 'Currency', kind: 'O' },
  { module: 'NetCore', name: 'Session', kind: 'C' }, { module: 'PhotoKitPlus', name: 'Filter', kind: 'V' },
];
const std: [string, string, string][] = [
  ['Si', 'Swift.Int', 'Int'], ['SS', 'Swift.String', 'String'], ['Sb', 'Swift.Bool', 'Bool'],
  ['Sd', 'Swift.Double', 'Double'], ['SaySSG', '[Swift.String]', '[String]'], ['SSSg', 'Swift.String?', 'String?'],
  ['SDySSSiG', '[Swift.String : Swift.Int]', '[String : Int]'],
];
const methods = ['reload', 'update', 'refresh', 'validate'];
const labels = ['force', 'animated', 'count'];

for (const [ti, t] of types.entries()) {
  const ctx = `${id(t.module)}${id(t.name)}${t.kind}`;
  const full = `${t.module}.${t.name}`;
  const simple = t.name;
  const [stdM, stdF, stdS] = std[ti % std.length] as [string, string, string];
  const [std2M, std2F] = std[(ti + 3) % std.length] as [string, string, string];
  for (const [mi, m] of methods.entries()) {
    const fn = `${ctx}${id(m)}yyF`;
    rows.push([`$s${fn}`, `${full}.${m}() -> ()`, `${simple}.${m}()`]);
    if (mi === 0) {
      rows.push([`_$s${fn}`, `${full}.${m}() -> ()`, `${simple}.${m}()`]);
      rows.push([`$s${fn}.cold.1`, `${full}.${m}() -> () with unmangled suffix ".cold.1"`, `${simple}.${m}()`]);
    }
    rows.push([`$s${fn}To`, `@objc ${full}.${m}() -> ()`, `@objc ${simple}.${m}()`]);
    rows.push([`$s${fn}yycfU_`, `closure #1 () -> () in ${full}.${m}() -> ()`, `closure #1 in ${simple}.${m}()`]);
    rows.push([`$s${fn}yycfU0_TA`, `partial apply forwarder for closure #2 () -> () in ${full}.${m}() -> ()`,
      `partial apply for closure #2 in ${simple}.${m}()`]);
    rows.push([`$s${fn}yycfU_yycfU_`,
      `closure #1 () -> () in closure #1 () -> () in ${full}.${m}() -> ()`, `closure #1 in closure #1 in ${simple}.${m}()`]);
    rows.push([`$s${ctx}${id(m)}yyFZTf4d_n`,
      `function signature specialization <Arg[0] = Dead> of static ${full}.${m}() -> ()`, `specialized static ${simple}.${m}()`]);
  }
  const l = labels[ti % labels.length] as string;
  rows.push([`$s${ctx}${id('apply')}${id(l)}y${stdM}_tF`, `${full}.apply(${l}: ${stdF}) -> ()`, `${simple}.apply(${l}:)`]);
  rows.push([`$s${ctx}${id('merge')}${id('with')}${id('into')}${std2M}${stdM}_${std2M}tF`,
    `${full}.merge(with: ${stdF}, into: ${std2F}) -> ${std2F}`, `${simple}.merge(with:into:)`]);
  rows.push([`$s${ctx}${id('lookup')}y${std2M}${stdM}F`, `${full}.lookup(${stdF}) -> ${std2F}`, `${simple}.lookup(_:)`]);
  rows.push([`$s${ctx}${id('load')}yyKF`, `${full}.load() throws -> ()`, `${simple}.load()`]);
  rows.push([`$s${ctx}${id('fetch')}${stdM}yYaKF`, `${full}.fetch() async throws -> ${stdF}`, `${simple}.fetch()`]);
  rows.push([`$s${ctx}${id('fetch')}${stdM}yYaKFTQ0_`,
    `(1) await resume partial function for ${full}.fetch() async throws -> ${stdF}`, `${simple}.fetch()`]);
  for (const [acc, word] of [['g', 'getter'], ['s', 'setter'], ['M', 'modify']] as const) {
    rows.push([`$s${ctx}${id('title')}${stdM}v${acc}`, `${full}.title.${word} : ${stdF}`, `${simple}.title.${word}`]);
  }
  rows.push([`$s${ctx}${id('title')}${stdM}vgTo`, `@objc ${full}.title.getter : ${stdF}`, `@objc ${simple}.title.getter`]);
  rows.push([`$s${ctx}${id('shared')}ACvgZ`, `static ${full}.shared.getter : ${full}`, `static ${simple}.shared.getter`]);
  if (t.kind === 'C') {
    rows.push([`$s${ctx}ACycfC`, `${full}.__allocating_init() -> ${full}`, `${simple}.__allocating_init()`]);
    rows.push([`$s${ctx}ACycfc`, `${full}.init() -> ${full}`, `${simple}.init()`]);
    rows.push([`$s${ctx}fD`, `${full}.__deallocating_deinit`, `${simple}.__deallocating_deinit`]);
    rows.push([`$s${ctx}fd`, `${full}.deinit`, `${simple}.deinit`]);
    rows.push([`$s${ctx}${id('viewDidLoad')}yyFTo`, `@objc ${full}.viewDidLoad() -> ()`, `@objc ${simple}.viewDidLoad()`]);
    rows.push([`_TtC${id(t.module)}${id(t.name)}`, full, simple]);
  } else {
    rows.push([`$s${ctx}ACycfC`, `${full}.init() -> ${full}`, `${simple}.init()`]);
  }
  rows.push([`$s${ctx}${id('Nested')}V${id('run')}yyF`, `${full}.Nested.run() -> ()`, `${simple}.Nested.run()`]);
  rows.push([`$s${ctx}${id('map')}yyxlF`, `${full}.map<A>(A) -> ()`, `${simple}.map<A>(_:)`]);
  rows.push([`$s${ctx}${id('map')}yyxlF${stdM}_Tg5`, `generic specialization <${stdF}> of ${full}.map<A>(A) -> ()`,
    `specialized ${simple}.map<A>(_:)`]);
  rows.push([`$s${ctx}Ma`, `type metadata accessor for ${full}`, `type metadata accessor for ${simple}`]);
  rows.push([`$sSS${id(t.module)}E${id('trimmed')}SSyF`, `(extension in ${t.module}):Swift.String.trimmed() -> Swift.String`,
    'String.trimmed()']);
}
// Reabstraction thunks as they appear between Swift closures and Objective-C blocks or GCD.
rows.push(['$sIeg_IeyB_TR', 'reabstraction thunk helper from @escaping @callee_guaranteed () -> () to @escaping @callee_unowned @convention(block) () -> ()',
  'thunk for @escaping @callee_guaranteed () -> ()']);
rows.push(['$sSbIegy_SbIeyBy_TR', 'reabstraction thunk helper from @escaping @callee_guaranteed (@unowned Swift.Bool) -> () to @escaping @callee_unowned @convention(block) (@unowned Swift.Bool) -> ()',
  'thunk for @escaping @callee_guaranteed (@unowned Bool) -> ()']);
rows.push(['$sS2SIeggo_S2SIegno_TR', 'reabstraction thunk helper from @escaping @callee_guaranteed (@guaranteed Swift.String) -> (@owned Swift.String) to @escaping @callee_guaranteed (@in_guaranteed Swift.String) -> (@owned Swift.String)',
  'thunk for @escaping @callee_guaranteed (@guaranteed String) -> (@owned String)']);

// ---- C++ (Itanium): namespaces, classes, methods and parameter lists.
const cxxParams: [string, string][] = [
  ['v', ''], ['i', 'int'], ['PKc', 'char const*'], ['RKi', 'int const&'], ['bd', 'bool, double'],
  ['jm', 'unsigned int, unsigned long'], ['Pv', 'void*'], ['l', 'long'],
];
const cxx: [string, string, string][] = [
  ['geo', 'Parser', 'step'], ['audio', 'Mixer', 'render'], ['net', 'Socket', 'send'],
  ['IOKitPlus', 'Driver', 'start'], ['db', 'Index', 'rebuild'],
];
for (const [ci, [ns, cls, meth]] of cxx.entries()) {
  const q = `${id(ns)}${id(cls)}`;
  for (const [pi, [code, text]] of cxxParams.entries()) {
    if ((pi + ci) % 2 === 1) continue;
    const name = `${ns}::${cls}::${meth}(${text})`;
    rows.push([`__ZN${q}${id(meth)}E${code}`, name, name]);
    rows.push([`_ZNK${q}${id(meth)}E${code}`, `${name} const`, `${name} const`]);
  }
  rows.push([`__ZN${q}C2Ev`, `${ns}::${cls}::${cls}()`, `${ns}::${cls}::${cls}()`]);
  rows.push([`__ZN${q}C1Ei`, `${ns}::${cls}::${cls}(int)`, `${ns}::${cls}::${cls}(int)`]);
  rows.push([`__ZN${q}D0Ev`, `${ns}::${cls}::~${cls}()`, `${ns}::${cls}::~${cls}()`]);
  rows.push([`__ZN${q}D1Ev`, `${ns}::${cls}::~${cls}()`, `${ns}::${cls}::~${cls}()`]);
  rows.push([`__ZTVN${q}E`, `vtable for ${ns}::${cls}`, `vtable for ${ns}::${cls}`]);
  rows.push([`__Z${id(`${meth}_all`)}i`, `${meth}_all(int)`, `${meth}_all(int)`]);
  rows.push([`____ZN${q}${id(meth)}Ev_block_invoke`, `invocation function for block in ${ns}::${cls}::${meth}()`,
    `invocation function for block in ${ns}::${cls}::${meth}()`]);
}
// ---- Names that are not mangled come back unchanged.
for (const n of ['main', '_main', 'start', 'objc_msgSend', '-[NSObject doesNotRecognizeSelector:]', '+[NSThread sleepForTimeInterval:]',
  '__pthread_kill', 'IOService::start', '$s', '_T', '_Z']) rows.push([n, n, n]);

const header = '# mangled\tfull\tsimplified — generated by scripts/generate-demangle-names.ts; do not edit by hand\n';
writeFileSync(new URL('../test/fixtures/demangle/names.tsv', import.meta.url), header + rows.map((r) => r.join('\t')).join('\n') + '\n');
console.log(`${rows.length} names`);
