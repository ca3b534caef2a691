import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Diagnosis } from '../../src/model/diagnosis.js';
import { emptyReport, type Frame, type Report } from '../../src/model/report.js';
import { bucketOf, explainBucket, FINGERPRINT_VERSION, hash64, maskNumbers } from '../../src/triage/fingerprint.js';
import { renderExplanation } from '../../src/triage/explain.js';
import { SkipList } from '../../src/triage/skip-list.js';
import { loadSkipList } from '../../src/triage/node/skip-frames.js';

const skip = await loadSkipList();

function generic(id = 'generic-exc-bad-access'): Diagnosis {
  return { id, title: 'Invalid memory access', category: 'app-crash', confidence: 0.3, generic: true, evidence: [], causes: [], nextSteps: [], references: [] };
}

function crash(frames: Partial<Frame>[], opts: { app?: string; diagnoses?: Diagnosis[] } = {}): Report {
  const r = emptyReport({ path: 'x.crash', format: 'crash-text' }, 'crash');
  const app = opts.app ?? 'MyApp';
  r.process = { name: app, path: `/Applications/${app}.app/Contents/MacOS/${app}` };
  r.exception = { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV' };
  r.crashedThread = 0;
  r.threads = [{ index: 0, crashed: true, frames: frames.map((f, index) => ({ index, ...f })) }];
  r.images = [
    { name: app, path: `/Applications/${app}.app/Contents/MacOS/${app}` },
    { name: 'libsystem_kernel.dylib', path: '/usr/lib/system/libsystem_kernel.dylib' },
    { name: 'libsystem_c.dylib', path: '/usr/lib/system/libsystem_c.dylib' },
    { name: 'CoreFoundation', path: '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation' },
  ];
  r.diagnoses = opts.diagnoses ?? [generic()];
  return r;
}

const abortStack: Partial<Frame>[] = [
  { image: 'libsystem_kernel.dylib', symbol: '__pthread_kill + 8' },
  { image: 'libsystem_c.dylib', symbol: 'abort + 180' },
  { image: 'CoreFoundation', symbol: 'CFRelease + 40' },
  { image: 'MyApp', symbol: 'Parser.read(_:) + 120' },
  { image: 'MyApp', symbol: 'Loader.load() + 64' },
  { image: 'MyApp', symbol: 'main + 12' },
  { image: 'MyApp', symbol: 'start + 4' },
];

describe('fingerprint buckets', () => {
  it('skips runtime frames and fingerprints the responsible image from its first frame', () => {
    const e = explainBucket(crash(abortStack), skip);
    expect(e.rule).toBe('fingerprint');
    expect(e.responsibleImage).toBe('MyApp');
    expect(e.key.fingerprint).toBe('v2|crash|EXC_BAD_ACCESS/SIGSEGV|MyApp: Parser.read(_:)|MyApp: Loader.load()|MyApp: main');
    expect(e.key.id).toBe(`fp-${hash64(e.key.fingerprint)}`);
    expect(e.frames.slice(0, 4).map((f) => f.use)).toEqual(['skipped', 'skipped', 'system', 'used']);
  });

  it('gives the same bucket whatever the offsets, and another when the app frames differ', () => {
    const moved = abortStack.map((f) => ({ ...f, symbol: f.symbol?.replace(/\d+$/, '999') }));
    expect(bucketOf(crash(moved), skip).id).toBe(bucketOf(crash(abortStack), skip).id);
    const other = abortStack.map((f) => (f.symbol?.startsWith('Loader') ? { ...f, symbol: 'Cache.fill() + 4' } : f));
    expect(bucketOf(crash(other), skip).id).not.toBe(bucketOf(crash(abortStack), skip).id);
  });

  it('keeps ids stable for a version: a known fingerprint hashes to a known id', () => {
    expect(FINGERPRINT_VERSION).toBe(2);
    // Pinned: a change here moves every user's buckets, so it needs a FINGERPRINT_VERSION bump.
    expect(hash64('v2|crash|EXC_BAD_ACCESS/SIGSEGV|MyApp: main')).toBe('e61cf5c642e6517b');
    expect(hash64('abc')).toMatch(/^[0-9a-f]{16}$/);
    expect(hash64('abc')).not.toBe(hash64('abd'));
  });

  it('falls back to the top non-skipped frames when every image is the system', () => {
    const r = crash([
      { image: 'libsystem_kernel.dylib', symbol: '__pthread_kill' },
      { image: 'CoreFoundation', symbol: 'CFArrayGetValueAtIndex + 8' },
      { image: 'CoreFoundation', symbol: 'CFRunLoopRunSpecific + 10' },
    ]);
    const e = explainBucket(r, skip);
    expect(e.responsibleImage).toBeUndefined();
    expect(e.key.fingerprint).toBe('v2|crash|EXC_BAD_ACCESS/SIGSEGV|CoreFoundation: CFArrayGetValueAtIndex|CoreFoundation: CFRunLoopRunSpecific');
  });

  it('uses the Last Exception Backtrace when there is one, and image+offset for unsymbolicated frames', () => {
    const r = crash(abortStack);
    r.lastExceptionBacktrace = [
      { index: 0, image: 'CoreFoundation', symbol: '__exceptionPreprocess' },
      { index: 1, image: 'MyApp', imageOffset: 0x1f40n },
    ];
    const e = explainBucket(r, skip);
    expect(e.stackSource).toBe('last exception backtrace');
    expect(e.key.fingerprint).toBe('v2|crash|EXC_BAD_ACCESS/SIGSEGV|MyApp+0x1f40');
  });

  it('buckets by signature and culprit when a specific signature is sure enough', () => {
    const sig: Diagnosis = { id: 'exc-bad-access-null', title: 'NULL dereference', category: 'app-crash', confidence: 0.8, evidence: [], causes: [], nextSteps: [], references: [], culprit: { kind: 'app-image', name: 'MyApp' } };
    const a = explainBucket(crash(abortStack, { diagnoses: [sig] }), skip);
    expect(a.rule).toBe('signature');
    expect(a.key.signature).toBe('exc-bad-access-null');
    expect(a.key.fingerprint).toBe('sig:exc-bad-access-null|culprit:MyApp');
    expect(a.key.id).toBe(`sig-exc-bad-access-null-${hash64(a.key.fingerprint).slice(0, 8)}`);
    const other = explainBucket(crash(abortStack, { app: 'Other', diagnoses: [{ ...sig, culprit: { kind: 'app-image', name: 'Other' } }] }), skip);
    expect(other.key.id).not.toBe(a.key.id);
    const noCulprit = explainBucket(crash(abortStack, { diagnoses: [{ ...sig, culprit: undefined }] }), skip);
    expect(noCulprit.key.id).toBe('sig-exc-bad-access-null');
    // bucketOf remembers keys it made: asked again, or with another title for the id, it gives what explainBucket gives.
    for (const d of [sig, { ...sig, culprit: undefined }, { ...sig, title: 'Another title' }, sig, { ...sig, culprit: { kind: 'app-image' as const, name: '' } }, { ...sig, culprit: { kind: 'app-image' as const, name: 'x', bundleId: 'com.x' } }]) {
      const r = crash(abortStack, { diagnoses: [d] });
      expect(bucketOf(r, skip)).toEqual(explainBucket(r, skip).key);
    }
    // Below the threshold, or a grouping signature, the fingerprint decides.
    expect(explainBucket(crash(abortStack, { diagnoses: [{ ...sig, confidence: 0.5 }] }), skip).rule).toBe('fingerprint');
    expect(explainBucket(crash(abortStack, { diagnoses: [{ ...sig, grouping: true }] }), skip).rule).toBe('fingerprint');
  });

  it('names an image as current reports do, so the old macOS form of a crash shares its bucket', () => {
    // macOS reports before 12 name images by bundle id in frames and binary images; later ones by file name.
    const modern = crash(abortStack);
    const legacy = crash(abortStack.map((f) => (f.image === 'MyApp' ? { ...f, image: 'com.example.MyApp' } : f.image === 'CoreFoundation' ? { ...f, image: 'com.apple.CoreFoundation' } : f)));
    legacy.images = legacy.images.map((im) =>
      im.name === 'MyApp' ? { ...im, name: 'com.example.MyApp', bundleId: 'com.example.MyApp' } : im.name === 'CoreFoundation' ? { ...im, name: 'com.apple.CoreFoundation', bundleId: 'com.apple.CoreFoundation' } : im,
    );
    const a = explainBucket(modern, skip);
    const b = explainBucket(legacy, skip);
    expect(b.key.fingerprint).toBe('v2|crash|EXC_BAD_ACCESS/SIGSEGV|MyApp: Parser.read(_:)|MyApp: Loader.load()|MyApp: main');
    expect(b.key).toEqual(a.key);
    expect(b.responsibleImage).toBe('MyApp');
    expect(bucketOf(legacy, skip)).toEqual(a.key);
    // A bundle-id name with no binary image to resolve it, or a dotted file name, stays as written.
    const unresolved = crash(abortStack.map((f) => (f.image === 'MyApp' ? { ...f, image: 'com.example.MyApp' } : f)));
    expect(bucketOf(unresolved, skip).fingerprint).toContain('|com.example.MyApp: Parser.read(_:)');
    expect(bucketOf(crash([{ image: 'libswiftCore.dylib', imageOffset: 0x40n }]), skip).fingerprint).toBe('v2|crash|EXC_BAD_ACCESS/SIGSEGV|libswiftCore.dylib+0x40');
    // No path proper to name the file by: the bundle id stays.
    const noPath = crash([{ image: 'com.example.Lib', imageOffset: 0x40n }]);
    noPath.images.push({ name: 'com.example.Lib', bundleId: 'com.example.Lib', path: '???' });
    expect(bucketOf(noPath, skip).fingerprint).toBe('v2|crash|EXC_BAD_ACCESS/SIGSEGV|com.example.Lib+0x40');
  });

  it('refines a signature bucket by the same culprit name whichever form of report names it', () => {
    const sig = (culprit: Diagnosis['culprit']): Diagnosis => ({ id: 'tcc-privacy', title: 'TCC', category: 'app-crash', confidence: 0.9, evidence: [], causes: [], nextSteps: [], references: [], ...(culprit ? { culprit } : {}) });
    const withImage = (d: Diagnosis, image: { name: string; bundleId?: string; path: string }): Report => {
      const r = crash(abortStack, { diagnoses: [d] });
      r.images.push(image);
      return r;
    };
    const path = '/System/Library/PrivateFrameworks/TCC.framework/Versions/A/TCC';
    // iOS text: the file name; macOS text before 12: the bundle id as name; .ips: the file name with a bundle id.
    const ios = withImage(sig({ kind: 'framework', name: 'TCC' }), { name: 'TCC', path });
    const oldMac = withImage(sig({ kind: 'framework', name: 'com.apple.TCC', bundleId: 'com.apple.TCC' }), { name: 'com.apple.TCC', bundleId: 'com.apple.TCC', path });
    const ips = withImage(sig({ kind: 'framework', name: 'TCC', bundleId: 'com.apple.TCC' }), { name: 'TCC', bundleId: 'com.apple.TCC', path });
    const id = explainBucket(ios, skip).key.id;
    expect(explainBucket(ios, skip).key.fingerprint).toBe('sig:tcc-privacy|culprit:TCC');
    for (const r of [oldMac, ips]) {
      expect(explainBucket(r, skip).key.id).toBe(id);
      expect(bucketOf(r, skip).id).toBe(id);
    }
    // A process by its name; a kext or dext by its bundle id.
    expect(bucketOf(crash(abortStack, { diagnoses: [sig({ kind: 'process', name: 'Mail', bundleId: 'com.apple.mail' })] }), skip).fingerprint).toBe('sig:tcc-privacy|culprit:Mail');
    expect(bucketOf(crash(abortStack, { diagnoses: [sig({ kind: 'dext', name: 'MyDriver', bundleId: 'com.example.driver' })] }), skip).fingerprint).toBe('sig:tcc-privacy|culprit:com.example.driver');
  });

  it("tells apart the apps whose calls fault in one Apple module: the caller refines an Apple culprit's bucket", () => {
    const thrown = (app: string | undefined): Diagnosis => ({
      id: 'exc-crash-uncaught-nsexception',
      title: 'Uncaught Objective-C exception',
      category: 'app-crash',
      confidence: 0.88,
      evidence: [],
      causes: [],
      nextSteps: [],
      references: [],
      culprit: { kind: 'framework', name: 'CoreFoundation', role: 'faulting', apple: true },
      implicated: [
        { kind: 'crash-reporter', name: 'KSCrash', role: 'implicated', apple: false },
        ...(app ? [{ kind: 'app-image' as const, name: app, role: 'implicated' as const, apple: false }] : []),
      ],
    });
    const a = explainBucket(crash(abortStack, { diagnoses: [thrown('MyApp')] }), skip);
    const b = explainBucket(crash(abortStack, { app: 'Other', diagnoses: [thrown('Other')] }), skip);
    expect(a.key.fingerprint).toBe('sig:exc-crash-uncaught-nsexception|culprit:CoreFoundation|caller:MyApp');
    expect(a.reason).toContain('; culprit CoreFoundation, called from MyApp');
    expect(b.key.id).not.toBe(a.key.id);
    expect(bucketOf(crash(abortStack, { app: 'Other', diagnoses: [thrown('Other')] }), skip)).toEqual(b.key);
    // No third-party caller (a crash reporter is not one), or a third-party culprit: the culprit alone.
    expect(bucketOf(crash(abortStack, { diagnoses: [thrown(undefined)] }), skip).fingerprint).toBe('sig:exc-crash-uncaught-nsexception|culprit:CoreFoundation');
    const own = { ...thrown('Lib'), culprit: { kind: 'app-image' as const, name: 'MyApp', apple: false } };
    expect(bucketOf(crash(abortStack, { diagnoses: [own] }), skip).fingerprint).toBe('sig:exc-crash-uncaught-nsexception|culprit:MyApp');
  });

  it('masks numbers in panic messages and names the third-party kext', () => {
    expect(maskNumbers('Kernel trap at 0xffffff8012345678, type 14=page fault, cpu 3')).toBe('Kernel trap at 0x?, type #=page fault, cpu #');
    const p = emptyReport({ path: 'p.panic', format: 'panic-text' }, 'panic');
    p.panic = { message: 'Kernel trap at 0xffffff80deadbeef, type 14=page fault', kexts: [{ bundleId: 'com.apple.iokit.IOPCIFamily' }, { bundleId: 'com.vendor.Driver' }], backtrace: [] };
    p.diagnoses = [generic('generic-panic')];
    const q = structuredClone(p);
    (q.panic as { message: string }).message = 'Kernel trap at 0xffffff8011111111, type 14=page fault';
    expect(bucketOf(p, skip).fingerprint).toBe('v2|panic|Kernel trap at 0x?, type #=page fault / com.vendor.Driver');
    expect(bucketOf(q, skip).id).toBe(bucketOf(p, skip).id);
  });

  it('explains a bucket in text', () => {
    const text = renderExplanation('x.crash', [explainBucket(crash(abortStack), skip)]);
    expect(text).toContain('rule:        fingerprint: top diagnosis generic-exc-bad-access is generic');
    expect(text).toContain('responsible image MyApp');
    expect(text).toMatch(/skipped +libsystem_kernel\.dylib: __pthread_kill/);
    expect(text).toContain('fingerprint: v2|crash|EXC_BAD_ACCESS/SIGSEGV|MyApp: Parser.read(_:)');
  });
});

describe('skip list', () => {
  it('shares diagnose/knowledge/skip-frames.json: runtime symbols, plumbing images, the kernel panic path', () => {
    expect(skip.match({ index: 0, image: 'libsystem_kernel.dylib', symbol: 'mach_msg2_trap' })).toBeDefined();
    expect(skip.match({ index: 0, image: 'MyApp', symbol: 'objc_exception_throw' })).toBeDefined();
    expect(skip.match({ index: 0, image: 'mach_kernel', symbol: '_panic_trap_to_debugger' })).toBeDefined();
    expect(skip.match({ index: 0, image: 'MyApp', symbol: 'Parser.read(_:)' })).toBeUndefined();
    expect(skip.match({ index: 0, image: 'CoreFoundation', symbol: 'CFRelease' })).toBeUndefined();
  });

  it('answers the same from its memo: absent and empty images and symbols kept apart', () => {
    const list = new SkipList({ version: 1, frames: [{ image: '^$', why: 'empty image' }, { symbol: '^$', why: 'empty symbol' }, { image: '^libc$', why: 'libc' }] });
    const frames: Frame[] = [{ index: 0 }, { index: 0, image: '' }, { index: 0, symbol: '' }, { index: 0, image: 'libc' }, { index: 0, image: 'libc', symbol: 'x' }, { index: 0, image: 'x', symbol: 'y' }];
    const expected = frames.map((f) => new SkipList({ version: 1, frames: [{ image: '^$', why: 'empty image' }, { symbol: '^$', why: 'empty symbol' }, { image: '^libc$', why: 'libc' }] }).match(f)?.why);
    expect(expected).toEqual([undefined, 'empty image', 'empty symbol', 'libc', 'libc', undefined]);
    for (let round = 0; round < 3; round++) expect(frames.map((f) => list.match(f)?.why)).toEqual(expected);
  });

  it('an entry with image and symbol needs both', () => {
    const list = new SkipList({ version: 1, frames: [{ image: '^libc$', symbol: '^abort$', why: 'w' }] });
    expect(list.match({ index: 0, image: 'libc', symbol: 'abort + 4' })?.why).toBe('w');
    expect(list.match({ index: 0, image: 'libc', symbol: 'read' })).toBeUndefined();
    expect(list.match({ index: 0, image: 'other', symbol: 'abort' })).toBeUndefined();
  });
});

describe('bucketOf (key only) agrees with explainBucket', () => {
  // bucketOf reads a stack only up to the frames it uses; explainBucket walks it whole.
  const images = ['MyApp', 'libsystem_kernel.dylib', 'libsystem_c.dylib', 'CoreFoundation', 'libswiftCore.dylib', 'Plugin', undefined];
  const symbols = ['__pthread_kill + 8', 'abort + 180', 'CFRelease + 40', 'Parser.read(_:) + 120', 'main + 12', 'swift_retain', '_objc_terminate()', undefined];
  const frame = fc.record({ image: fc.constantFrom(...images), symbol: fc.constantFrom(...symbols), imageOffset: fc.option(fc.bigInt({ min: 0n, max: 0xffffn }), { nil: undefined }) });
  it('on generated crashed stacks', () => {
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 30 }), (frames) => {
        const clean = frames.map((f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Partial<Frame>);
        const r = crash(clean);
        expect(bucketOf(r, skip)).toEqual(explainBucket(r, skip).key);
      }),
      { numRuns: 300 },
    );
  });

  it('on the samples', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { ingestBytes } = await import('../../src/ingest/index.js');
    const { prepareReports } = await import('../../src/pipeline/analyze-reports.js');
    const { diagnoseReport } = await import('../../src/diagnose/index.js');
    const dir = new URL('../../samples/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => `${d.parentPath ?? d.path}/${d.name}`);
    let n = 0;
    for (const file of files) {
      const { reports, signatures } = await prepareReports(ingestBytes(new Uint8Array(readFileSync(file)), file).reports, { symbolicator: 'none' });
      for (const r of reports) {
        r.diagnoses = diagnoseReport(r, signatures);
        expect(bucketOf(r, skip), file).toEqual(explainBucket(r, skip).key);
        // The fingerprint rule too, when the top diagnosis would name the bucket.
        const fp = { ...r, diagnoses: [generic()] };
        expect(bucketOf(fp, skip), file).toEqual(explainBucket(fp, skip).key);
        n++;
      }
    }
    expect(n).toBeGreaterThan(5);
  });
});
