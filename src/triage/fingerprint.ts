/**
 * Buckets: which reports are "the same crash". Core code, no Node API.
 *
 * Fingerprint rule, version FINGERPRINT_VERSION (README "Triage a folder" documents it too; change
 * the rule only together with a version bump, so buckets stay stable across releases):
 *
 * 1. Signature bucket: when the report's top diagnosis is a specific signature (not generic, not a
 *    grouping one such as a crash loop) with confidence ≥ SIGNATURE_CONFIDENCE, the bucket is that
 *    signature and the diagnosis' culprit (a kext's or dext's bundle id; a code image's name as in 3;
 *    else the name), and when the culprit is Apple's, the first third-party code image the diagnosis
 *    implicates (the code that called into it): fingerprint
 *    `sig:<signature id>|culprit:<culprit>[|caller:<image>]`, id `sig-<signature id>-<8 hex digits of its hash>`; without
 *    a culprit, fingerprint `sig:<signature id>` and id `sig-<signature id>`.
 * 2. Otherwise a fingerprint `v<version>|<kind>|<problem>|<frame>|<frame>|<frame>`, bucket id
 *    `fp-<16 hex digits of its hash>`, where
 *    - problem: crashes: exception type/signal (else termination namespace and code); panics: the
 *      panic message with numbers masked, plus the first third-party kext; jetsams: the kill reason
 *      and process; kernel logs: the dext the log is about;
 *    - frames: from the Last Exception Backtrace when there is one, else the crashed thread (panics:
 *      the symbolicated backtrace). Frames that the shared skip lists match are passed over
 *      (src/diagnose/knowledge/skip-frames.json: runtime symbols, plumbing images, the kernel panic path). If a frame of
 *      a non-system image remains, the frames are the first MAX_FRAMES of that (the responsible)
 *      image from its first frame on; else the first MAX_FRAMES remaining frames. A frame is its
 *      symbol without offset, else `image+0x<offset in image>`, else its image.
 * 3. An image is named as reports since macOS 12 name it: where a report names it by its bundle id
 *    (`com.apple.AppKit`, macOS reports before 12), by the file name of its path (`AppKit`).
 *
 * Version 2 added rule 3, the caller of an Apple culprit, and culprits by name rather than bundle id
 * for code images and processes.
 */
import type { Culprit, Diagnosis } from '../model/diagnosis.js';
import { crashedThreadOf, type BinaryImage, type Frame, type Report, type ReportKind } from '../model/report.js';
import { isSystemImage } from '../diagnose/culprit.js';
import { showsNoFailure } from '../diagnose/generic.js';
import { hex } from '../model/numbers.js';
import { bareSymbol, type SkipEntry, type SkipList } from './skip-list.js';

/** Bumped whenever the rule above, or the shared skip lists, change which reports share a bucket. */
export const FINGERPRINT_VERSION = 2;
export const SIGNATURE_CONFIDENCE = 0.7;
export const MAX_FRAMES = 3;
const MAX_PART = 160;
/** The kernel under the names panics give it (culprit.ts knows `kernel`). */
const KERNEL_IMAGE = /^(mach_kernel|kernel(\.\w+)*)$/;

export interface BucketKey {
  /** `sig-<signature id>` or `fp-<hash>`. */
  id: string;
  /** The signature id for signature buckets. */
  signature?: string;
  /** The fingerprint text the id was hashed from (signature buckets: `sig:<id>`). */
  fingerprint: string;
  /** A one-line name for the bucket. */
  title: string;
}

/** How one frame was treated, for `triage --explain`. */
export interface FrameDecision {
  text: string;
  use: 'used' | 'skipped' | 'system' | 'other image' | 'beyond';
  /** Skip-list entry's reason, for skipped frames. */
  why?: string;
}

export interface BucketExplanation {
  key: BucketKey;
  /** The top diagnosis and why it did or did not make the bucket. */
  diagnosis?: { id: string; confidence: number; generic: boolean; grouping: boolean; noFailure: boolean };
  rule: 'signature' | 'fingerprint';
  reason: string;
  problem?: string;
  stackSource?: string;
  responsibleImage?: string;
  frames: FrameDecision[];
}

/**
 * What refines a signature's bucket: the culprit, named by culpritName; and when the culprit is
 * Apple's, the third-party code image that called into it. An Apple module is where the faults of
 * many apps surface (every uncaught NSException is thrown in CoreFoundation): the caller tells their
 * problems apart.
 */
function blameOf(sig: Diagnosis, images: BinaryImage[]): string | undefined {
  const c = sig.culprit;
  if (!c) return undefined;
  const name = culpritName(c, images);
  if (c.apple !== true || !Array.isArray(sig.implicated)) return name;
  const caller = sig.implicated.find((x) => CODE_IMAGE.has(x.kind) && x.apple === false);
  return caller ? `${name}|caller:${culpritName(caller, images)}` : name;
}

const CODE_IMAGE = new Set<Culprit['kind']>(['app-image', 'framework', 'image']);

/**
 * A culprit's name for buckets: a kext's or dext's bundle id; a code image's bucketed name (one name
 * whichever form of report, see bucketImageName); a process's, coprocessor's or crash reporter's
 * name (every form gives the name, not every one the bundle id).
 */
function culpritName(c: Culprit, images: BinaryImage[]): string {
  if (c.kind === 'kext' || c.kind === 'dext') return c.bundleId ?? c.name;
  if (CODE_IMAGE.has(c.kind) && typeof c.name === 'string') return bucketImageName(images, c.name);
  return c.name;
}

/**
 * The name a code image is bucketed under: the file name of its path where the report names the
 * image by its bundle id (macOS reports before macOS 12 write `com.apple.AppKit` in frames and
 * binary images, where later ones and iOS reports write `AppKit`), else the name as written. Both
 * forms of one crash then share a bucket.
 */
function bucketImageName(images: BinaryImage[], name: string): string {
  const im = imageNamed(images, name);
  // Only a path proper names the file (an excerpt may write `???` or nothing there).
  const slash = im?.path?.lastIndexOf('/') ?? -1;
  if (!im?.path || im.bundleId !== name || slash < 0) return name;
  return im.path.slice(slash + 1) || name;
}

/** The top diagnosis when it may name a bucket. */
export function bucketSignature(d: Diagnosis | undefined): Diagnosis | undefined {
  return d && !d.generic && !d.grouping && d.confidence >= SIGNATURE_CONFIDENCE ? d : undefined;
}

export function bucketOf(report: Report, skip: SkipList): BucketKey {
  // The key alone: the reasons and per-frame decisions are for --explain.
  const sig = bucketSignature(report.diagnoses?.[0]);
  return sig ? signatureBucketKey(sig, report.images) : fingerprintBucket(report, skip, false).key;
}

/**
 * Signature bucket keys already made, by signature id, then culprit (undefined: none): a batch gives the same few keys to thousands of reports, each needing the
 * key text and its hash. The title is checked, as two signature sets may give one id two titles.
 * Bounded, cleared when full; what is kept is copied (a culprit is cut from its report's text).
 */
const signatureKeys = new Map<string, Map<string | undefined, { title: string; key: BucketKey }>>();
let signatureKeyCount = 0;
const MAX_SIGNATURE_KEYS = 4096;

function signatureBucketKey(sig: Diagnosis, images: BinaryImage[]): BucketKey {
  const blame = blameOf(sig, images);
  if (typeof sig.id !== 'string' || typeof sig.title !== 'string' || (blame !== undefined && typeof blame !== 'string')) return signatureBucket(sig, images).key;
  const byBlame = signatureKeys.get(sig.id);
  const have = byBlame?.get(blame);
  if (have && have.title === sig.title) return have.key;
  const key = JSON.parse(JSON.stringify(signatureBucket(sig, images).key)) as BucketKey;
  if (signatureKeyCount >= MAX_SIGNATURE_KEYS) {
    signatureKeys.clear();
    signatureKeyCount = 0;
  }
  let map = signatureKeys.get(sig.id);
  if (!map) {
    map = new Map();
    signatureKeys.set(key.signature as string, map);
  }
  map.set(blame === undefined ? undefined : (JSON.parse(JSON.stringify(blame)) as string), { title: key.title, key });
  signatureKeyCount++;
  return key;
}

function signatureBucket(sig: Diagnosis, images: BinaryImage[]): { key: BucketKey; blame: string | undefined } {
  // One signature in two different components is two problems: the culprit refines the bucket.
  const blame = blameOf(sig, images);
  const fingerprint = blame ? `sig:${sig.id}|culprit:${blame}` : `sig:${sig.id}`;
  return { key: { id: blame ? `sig-${sig.id}-${hash64(fingerprint).slice(0, 8)}` : `sig-${sig.id}`, signature: sig.id, fingerprint, title: sig.title }, blame };
}

function fingerprintBucket(report: Report, skip: SkipList, explain: boolean): { key: BucketKey; problem: string; stack: { frames: Frame[]; source?: string }; decisions: FrameDecision[]; responsible?: string } {
  const problem = problemOf(report);
  const stack = stackOf(report);
  const { frames, decisions, responsible } = pickFrames(report, stack.frames, skip, explain);
  const fingerprint = [`v${FINGERPRINT_VERSION}`, report.kind, problem, ...frames].join('|');
  // The title reads the panic message as written (the key masks its numbers): the aggregate keeps
  // the smallest title of a bucket's reports, so it does not depend on which report came first.
  const shown = report.kind === 'panic' ? problemOf(report, false) : problem;
  const title = frames.length > 0 ? `${shown || KIND_LABEL[report.kind]} in ${frames[0]}` : shown || `${KIND_LABEL[report.kind]} without a stack`;
  return { key: { id: `fp-${hash64(fingerprint)}`, fingerprint, title: clip(title, MAX_PART) }, problem, stack, decisions, ...(responsible ? { responsible } : {}) };
}

export function explainBucket(report: Report, skip: SkipList): BucketExplanation {
  return bucketWithReasons(report, skip, true);
}

/** The bucket, and with `explain` the per-frame decisions `triage --explain` shows (bucketOf does without). */
function bucketWithReasons(report: Report, skip: SkipList, explain: boolean): BucketExplanation {
  const top = report.diagnoses?.[0];
  const diag = top && { id: top.id, confidence: top.confidence, generic: top.generic === true, grouping: top.grouping === true, noFailure: showsNoFailure(top) };
  const sig = bucketSignature(top);
  if (sig) {
    const { key, blame } = signatureBucket(sig, report.images);
    return {
      key,
      ...(diag ? { diagnosis: diag } : {}),
      rule: 'signature',
      reason: `top diagnosis ${sig.id} is a specific signature with confidence ${sig.confidence} ≥ ${SIGNATURE_CONFIDENCE}${blame ? `; culprit ${blame.replace('|caller:', ', called from ')}` : '; no culprit'}`,
      frames: [],
    };
  }
  const reason = !top
    ? 'no diagnosis'
    : top.generic
      ? `top diagnosis ${top.id} is generic`
      : top.grouping
        ? `top diagnosis ${top.id} groups failures rather than explaining them`
        : `top diagnosis ${top.id} has confidence ${top.confidence} < ${SIGNATURE_CONFIDENCE}`;
  const { key, problem, stack, decisions, responsible } = fingerprintBucket(report, skip, explain);
  return {
    key,
    ...(diag ? { diagnosis: diag } : {}),
    rule: 'fingerprint',
    reason: `${reason}: fingerprint of the problem and the top frames`,
    problem,
    ...(stack.source ? { stackSource: stack.source } : {}),
    ...(responsible ? { responsibleImage: bucketImageName(report.images, responsible) } : {}),
    frames: decisions,
  };
}

/** How a title names a kind of report when it has no problem of its own to name. */
const KIND_LABEL: Record<ReportKind, string> = { crash: 'Crash', panic: 'Kernel panic', jetsam: 'Jetsam event', stackshot: 'Stackshot', 'kernel-log': 'Kernel log', other: 'Report' };

/** The problem as the key spells it; `mask` false: a panic's message with its numbers, for the title. */
function problemOf(r: Report, mask = true): string {
  switch (r.kind) {
    case 'panic': {
      const line = firstLine(r.panic?.message ?? r.panic?.panicString ?? '');
      const msg = mask ? maskNumbers(line) : line;
      const kext = r.panic?.kexts.find((k) => !k.bundleId.startsWith('com.apple.'))?.bundleId;
      return clip([msg, kext].filter(Boolean).join(' / '), MAX_PART);
    }
    case 'jetsam': {
      const k = r.jetsam?.killed?.[0];
      return clip(['jetsam', k?.reason, k?.name].filter(Boolean).join(' '), MAX_PART);
    }
    case 'kernel-log': {
      const dext = r.events.find((e) => e.driverKit && 'bundleId' in e.driverKit)?.driverKit as { bundleId?: string } | undefined;
      return clip(dext?.bundleId ?? '', MAX_PART);
    }
    default: {
      const e = r.exception;
      if (e?.type || e?.signal) return [e.type, e.signal].filter(Boolean).join('/');
      const t = r.termination;
      if (t?.namespace || t?.code) return clip(['termination', t.namespace, t.code].filter(Boolean).join(' '), MAX_PART);
      return '';
    }
  }
}

function stackOf(r: Report): { frames: Frame[]; source?: string } {
  if (r.kind === 'panic') {
    const frames = (r.panic?.backtrace ?? []).filter((f) => f.symbol || f.image);
    return frames.length > 0 ? { frames, source: 'panic backtrace' } : { frames: [] };
  }
  if (r.lastExceptionBacktrace && r.lastExceptionBacktrace.length > 0) return { frames: r.lastExceptionBacktrace, source: 'last exception backtrace' };
  const t = crashedThreadOf(r);
  return t && t.frames.length > 0 ? { frames: t.frames, source: `crashed thread ${t.index}` } : { frames: [] };
}

function pickFrames(r: Report, stack: Frame[], skip: SkipList, explain: boolean): { frames: string[]; decisions: FrameDecision[]; responsible?: string } {
  if (!explain) return pickFramesOnly(r, stack, skip);
  const skipped = new Map<Frame, SkipEntry>();
  const kept: Frame[] = [];
  for (const f of stack) {
    const e = skip.match(f);
    if (e) skipped.set(f, e);
    else kept.push(f);
  }
  const imageOf = (name: string | undefined) => (name === undefined ? undefined : imageNamed(r.images, name));
  // Frames of one image come in runs: each image is judged once per report.
  const judged = new Map<string, boolean>();
  const system = (name: string): boolean => {
    let v = judged.get(name);
    if (v === undefined) judged.set(name, (v = KERNEL_IMAGE.test(name) || isSystemImage(name, imageOf(name))));
    return v;
  };
  const names = new Map<string, string>();
  const nameOf = (image: string | undefined): string | undefined => {
    if (!image) return undefined;
    let n = names.get(image);
    if (n === undefined) names.set(image, (n = bucketImageName(r.images, image)));
    return n;
  };
  const first = kept.find((f) => f.image !== undefined && !system(f.image));
  const responsible = first?.image;
  const chosen = new Set<Frame>();
  const texts: string[] = [];
  for (const f of kept) {
    if (texts.length >= MAX_FRAMES) break;
    if (responsible !== undefined && f.image !== responsible) continue;
    chosen.add(f);
    texts.push(frameText(f, nameOf(f.image)));
  }
  // Decisions for the frames up to the last one used (and a few around), for --explain.
  const decisions: FrameDecision[] = [];
  if (!explain) return { frames: texts, decisions, ...(responsible ? { responsible } : {}) };
  let used = 0;
  for (const f of stack) {
    if (used >= MAX_FRAMES && decisions.length >= 12) break;
    const text = frameText(f, nameOf(f.image));
    const e = skipped.get(f);
    if (e) decisions.push({ text, use: 'skipped', why: e.why });
    else if (chosen.has(f)) {
      decisions.push({ text, use: 'used' });
      used++;
    } else if (used >= MAX_FRAMES) decisions.push({ text, use: 'beyond' });
    else if (responsible !== undefined && f.image !== responsible) {
      decisions.push({ text, use: f.image !== undefined && system(f.image) ? 'system' : 'other image' });
    } else decisions.push({ text, use: 'beyond' });
    if (decisions.length >= 40) break;
  }
  return { frames: texts, decisions, ...(responsible ? { responsible } : {}) };
}

/**
 * pickFrames without the decisions: the same frames, reading the stack only up to the last one
 * used (a deep crashed thread is not matched against the skip list frame by frame). The frames of
 * the responsible image start at the first kept non-system frame: an earlier kept frame of that
 * image would have been that frame.
 */
function pickFramesOnly(r: Report, stack: Frame[], skip: SkipList): { frames: string[]; decisions: FrameDecision[]; responsible?: string } {
  const judged = new Map<string, boolean>();
  const system = (name: string): boolean => {
    let v = judged.get(name);
    if (v === undefined) judged.set(name, (v = KERNEL_IMAGE.test(name) || isSystemImage(name, imageNamed(r.images, name))));
    return v;
  };
  let first = -1;
  for (let i = 0; i < stack.length; i++) {
    const f = stack[i] as Frame;
    if (f.image !== undefined && !skip.match(f) && !system(f.image)) {
      first = i;
      break;
    }
  }
  const texts: string[] = [];
  if (first >= 0) {
    const responsible = (stack[first] as Frame).image as string;
    // Every frame used is of that image: its name is looked up once.
    const name = bucketImageName(r.images, responsible);
    for (let i = first; i < stack.length && texts.length < MAX_FRAMES; i++) {
      const f = stack[i] as Frame;
      if (f.image === responsible && !skip.match(f)) texts.push(frameText(f, name));
    }
    return { frames: texts, decisions: [], responsible };
  }
  for (let i = 0; i < stack.length && texts.length < MAX_FRAMES; i++) {
    const f = stack[i] as Frame;
    if (!skip.match(f)) texts.push(frameText(f, f.image && bucketImageName(r.images, f.image)));
  }
  return { frames: texts, decisions: [] };
}

/** images.find((im) => im.name === name), without a closure called per image (a report lists ~100-200). */
function imageNamed(images: BinaryImage[], name: string): BinaryImage | undefined {
  for (let i = 0; i < images.length; i++) {
    const im = images[i] as BinaryImage;
    if (im.name === name) return im;
  }
  return undefined;
}

/**
 * A frame as the fingerprint spells it: symbol without offset, else image+offset, else image.
 * `name` is its image's bucketed name (bucketImageName), which callers look up once per image.
 */
function frameText(f: Frame, name: string | undefined): string {
  if (!f.image || !name) return f.symbol ? clip(bareSymbol(f.symbol), MAX_PART) : '?';
  if (f.symbol) return clip(`${name}: ${bareSymbol(f.symbol)}`, MAX_PART);
  if (f.imageOffset !== undefined) return clip(`${name}+${hex(f.imageOffset)}`, MAX_PART);
  return clip(name, MAX_PART);
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return (nl >= 0 ? s.slice(0, nl) : s).trim();
}

/** Addresses, counters and ids vary between occurrences of one panic: mask them. */
export function maskNumbers(s: string): string {
  return s.replace(/0x[0-9a-fA-F]+/g, '0x?').replace(/\b\d+\b/g, '#');
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** 64 bits of hash as 16 hex digits: two FNV-1a 32-bit passes with different offsets (stable, no Node crypto). */
export function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
