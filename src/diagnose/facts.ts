/**
 * Facts a report states about its own failure, read from the model with the reviewed skip lists:
 * the abort or assertion message, the fault site (the frame that faulted and the first frame
 * outside the OS and runtime plumbing), a crash reporter's handler, what a hung thread waits on.
 * The fact-based fallback (generic.ts) and the culprit (culprit.ts) are built from these.
 */
import type { BinaryImage, Frame, Report, Thread } from '../model/report.js';
import { crashedThreadOf } from '../model/report.js';
import { isFileNameOf } from '../ingest/crash-text/binary-images.js';
import { reporterOfFrame } from '../ingest/reporters/mark-frames.js';
import { skipLists, waits } from './knowledge/index.js';

/** Longest message text quoted into a diagnosis. */
const MAX_QUOTE = 300;

export const clip = (s: string, n = MAX_QUOTE): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function imageOf(r: Report, name: string | undefined): BinaryImage | undefined {
  if (name === undefined) return undefined;
  // A plain loop: find() with a closure per call costs more, and a report has hundreds of images.
  const images = r.images;
  for (let i = 0; i < images.length; i++) {
    const im = images[i] as BinaryImage;
    if (im.name === name || im.bundleId === name) return im;
  }
  // Then by file name: a crash report's frames name an image by its file (`AnotherTarget`) where its
  // binary image line names it by bundle id (`jp.mahdi.AnotherTarget`, macOS 12 text and its converters).
  for (let i = 0; i < images.length; i++) {
    const path = (images[i] as BinaryImage).path;
    if (path !== undefined && isFileNameOf(path, name)) return images[i];
  }
  return undefined;
}

/**
 * Whether some pattern of a skip list matches a text, remembered per list: the same image names,
 * paths and runtime symbols come back in every thread and every report of a batch. Bounded: each
 * memo is cleared when full, and long texts (hostile input) are not kept.
 */
const MEMO_SIZE = 8192;
const MAX_MEMO_TEXT = 512;
const memos = new WeakMap<RegExp[], Map<string, boolean>>();

function someMatch(list: RegExp[], text: string): boolean {
  if (text.length > MAX_MEMO_TEXT) return list.some((p) => p.test(text));
  let memo = memos.get(list);
  if (!memo) memos.set(list, (memo = new Map()));
  let v = memo.get(text);
  if (v === undefined) {
    v = list.some((p) => p.test(text));
    if (memo.size >= MEMO_SIZE) memo.clear();
    // A key of its own: a name cut from a report's text would keep the whole text alive in the memo.
    memo.set(text.length < 13 ? text : ` ${text}`.slice(1), v);
  }
  return v;
}

/** True for an image of the OS, its runtimes or Apple's frameworks. */
export function isSystemImage(name: string | undefined, image?: BinaryImage): boolean {
  if (image?.apple === true) return true;
  if (image?.apple === false) return false;
  const s = skipLists();
  if (image?.bundleId && someMatch(s.systemImageNames, image.bundleId)) return true;
  if (image?.path) return someMatch(s.systemImagePaths, image.path);
  return name !== undefined && someMatch(s.systemImageNames, name);
}

/** True for plumbing frames (abort, raise, throw, runtime checks, dispatch, waits) above the frame where a cause lies. */
export function isRuntimeFrame(f: Frame): boolean {
  const sym = f.symbol ?? f.rawSymbol;
  return sym !== undefined && someMatch(skipLists().runtimeSymbols, sym);
}

/** The in-app crash reporter a frame belongs to (marked by the ingest stage, named from its reporter list). */
export function crashReporterOfFrame(f: Frame): string | undefined {
  return f.reporter ? reporterOfFrame(f) ?? 'an in-app crash reporter' : reporterOfFrame(f);
}

const THREAD_ENTRY = /^_?(_pthread_start|pthread_start|thread_start|_pthread_body|start_wqthread|_pthread_wqthread)$/;

/**
 * The crash reporter whose own thread this is: its entry (the outermost frame past the thread start)
 * is the reporter's code and no signal trampoline shows a handler running over other code.
 */
export function crashReporterThread(t: Thread): string | undefined {
  const frames = t.frames.slice(0, 128);
  if (frames.some((f) => /^_?_sigtramp$/.test(f.symbol ?? f.rawSymbol ?? ''))) return undefined;
  const entry = [...frames].reverse().find((f) => !THREAD_ENTRY.test(f.symbol ?? f.rawSymbol ?? ''));
  return entry ? crashReporterOfFrame(entry) : undefined;
}

/** "ggml_abort (libggml-base.dylib)", "0x1045 in cyqp", "??? (unknown image)". */
export function frameLabel(f: Frame): string {
  const sym = f.symbol ?? f.rawSymbol;
  if (sym && f.image) return `${clip(sym, 160)} (${f.image})`;
  if (sym) return clip(sym, 160);
  if (f.image) return `code in ${f.image}`;
  return f.address !== undefined ? `0x${f.address.toString(16)} (in no known image)` : 'an unknown frame';
}

export interface FaultSite {
  thread: Thread;
  /** Where the thread stopped: frame 0. */
  top?: Frame;
  /** The first frame below the runtime plumbing (abort, raise, throw, runtime checks). */
  origin?: Frame;
  /** The first frame outside the OS and the plumbing, and outside a crash reporter's handler: whose code to read first. */
  own?: Frame;
  /** In-app crash reporters whose frames are on the crashed thread. */
  reporters: string[];
}

const SELF_SIGNAL = /^EXC_CRASH|SIGABRT/;

export function faultSite(r: Report): FaultSite | undefined {
  const thread = crashedThreadOf(r);
  if (!thread || thread.frames.length === 0) return undefined;
  const frames = thread.frames;
  const n = Math.min(frames.length, 64);
  const reporters: string[] = [];
  let origin: Frame | undefined;
  let own: Frame | undefined;
  // A process that aborted or raised a signal stops inside the delivery of that signal: those top frames are plumbing even unsymbolicated.
  const selfSignal = SELF_SIGNAL.test(`${r.exception?.type ?? ''} ${r.exception?.signal ?? ''}`);
  let delivering = selfSignal;
  // Frames of one image come in runs: each image is looked up and judged once per call.
  const system = new Map<string, boolean>();
  for (let i = 0; i < n; i++) {
    const f = frames[i] as Frame;
    if (delivering && f.image && someMatch(skipLists().signalPlumbingImages, f.image)) continue;
    delivering = false;
    const rep = crashReporterOfFrame(f);
    if (rep) {
      if (!reporters.includes(rep)) reporters.push(rep);
      continue;
    }
    // Origin and own frame found (own comes after origin): only reporters' frames are left to note.
    if (own) continue;
    if (isRuntimeFrame(f)) continue;
    origin ??= f;
    if (!own && f.image) {
      let sys = system.get(f.image);
      if (sys === undefined) system.set(f.image, (sys = isSystemImage(f.image, imageOf(r, f.image))));
      if (!sys) own = f;
    }
  }
  // The same keys in the same order as spreading the optional ones, without the temporary objects.
  const site: FaultSite = { thread, top: frames[0], reporters };
  if (origin) site.origin = origin;
  if (own) site.own = own;
  return site;
}

export type MessageKind = 'assertion' | 'hardening' | 'swift' | 'client-bug' | 'cxx-uncaught' | 'objc-uncaught' | 'heap' | 'message';

export interface FailureMessage {
  kind: MessageKind;
  text: string;
  field: string;
  line?: number;
}

const MESSAGE_KINDS: [MessageKind, RegExp][] = [
  ['hardening', /libc\+\+ Hardening assertion|\S+:\d+: (libc\+\+ )?assertion .{1,300} failed: /],
  ['swift', /\b(Fatal error|Precondition failed)(: |:$)|Unexpectedly found nil while|Swift runtime failure: |Assertion failed: [^\n]{0,300}\.swift\b/],
  ['assertion', /Assertion failed: |\bassertion failed: |\*\*\* Assertion failure in /],
  ['client-bug', /BUG IN CLIENT OF \w+|BUG IN \w+: /],
  ['objc-uncaught', /\*\*\* Terminating app due to uncaught exception/],
  ['cxx-uncaught', /terminating (due to )?uncaught exception of type|terminate called (after throwing|without an active exception)/],
  ['heap', /malloc: \*\*\* error for object|pointer being (freed|realloc'd) was not allocated|Heap corruption detected|incorrect checksum for freed object|BUG IN CLIENT OF LIBMALLOC/],
];

/** Application-specific lines that carry no message of their own. */
const BOILERPLATE = /^(dyld[234]? mode|(\S+: )?abort\(\) called|CoreSimulator [\d.]+ - .*|crashed on child side of fork pre-exec|\s*)$/;
/** Prose around a pasted report (e.g. an article's commentary read as Application Specific Information): CJK-heavy lines are not messages. */
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;
const isProse = (s: string): boolean => (s.match(CJK)?.length ?? 0) >= 2;

/** The report's own statement of what failed: an assertion, a runtime error, an abort message. */
export function failureMessage(r: Report): FailureMessage | undefined {
  const candidates: FailureMessage[] = [];
  // When most Application Specific lines are prose, the section is commentary around a pasted report: only recognised messages count.
  const asi = r.applicationSpecific ?? [];
  const commentary = asi.length >= 4 && asi.filter(isProse).length * 2 >= asi.length;
  const add = (field: string, text: string | undefined, line?: number): void => {
    if (!text) return;
    const t = text.trim();
    if (BOILERPLATE.test(t)) return;
    const kind = MESSAGE_KINDS.find(([, p]) => p.test(t))?.[0] ?? 'message';
    // Unrecognised lines in a script other than the report's own are commentary around a pasted report, not its message.
    if (kind === 'message' && (isProse(t) || (commentary && field.startsWith('applicationSpecific')))) return;
    candidates.push({ kind, text: clip(t.replace(/\s+/g, ' ')), field, ...(line !== undefined ? { line } : {}) });
  };
  (r.applicationSpecific ?? []).forEach((t, i) => add(`applicationSpecific[${i}]`, t));
  add('exception.message', r.exception?.message);
  const thread = crashedThreadOf(r);
  thread?.frames.slice(0, 8).forEach((f, i) => {
    const sym = f.symbol ?? f.rawSymbol;
    if (sym && /^Swift runtime failure: /.test(sym)) add(`threads[${r.threads.indexOf(thread)}].frames[${i}].symbol`, sym, f.sourceLine);
  });
  r.events.slice(0, 20_000).forEach((e, i) => {
    if (MESSAGE_KINDS.some(([k, p]) => k !== 'objc-uncaught' && p.test(e.message))) add(`events[${i}].message`, e.message, e.line);
  });
  // A recognised kind beats free text; among free text, the first line.
  return candidates.find((c) => c.kind !== 'message') ?? candidates[0];
}

/** The main thread of a report (named, on the main queue, or thread 0). */
export function mainThread(r: Report): Thread | undefined {
  return r.threads.find((t) => t.queue === 'com.apple.main-thread' || t.name === 'com.apple.main-thread' || /main thread/i.test(t.name ?? '')) ?? r.threads.find((t) => t.index === 0);
}

export interface Wait {
  meaning: string;
  frame: Frame;
  /** The first frame of the thread outside the OS: whose code asked to wait. */
  own?: Frame;
}

/** What a thread waits on, from the symbols at the top of its stack. */
export function waitOf(r: Report, t: Thread): Wait | undefined {
  const frames = t.frames.slice(0, 24);
  const own = frames.find((f) => f.image && !isSystemImage(f.image, imageOf(r, f.image)));
  for (const w of waits()) {
    const frame = frames.find((f) => {
      const sym = f.symbol ?? f.rawSymbol;
      return sym !== undefined && w.symbols.test(sym);
    });
    if (frame) return { meaning: w.meaning, frame, ...(own ? { own } : {}) };
  }
  return undefined;
}

/**
 * Facts added as supporting evidence to every diagnosis of a report, so a signature's general text
 * comes with where this report's failure happened: the fault site of a crash, what a hung main thread waits on.
 */
export function factEvidence(r: Report, siteOf: () => FaultSite | undefined = () => faultSite(r)): { field: string; text: string; line?: number; required: false }[] {
  if (r.kind === 'crash') {
    if (/SIGKILL/.test(`${r.exception?.signal ?? ''} ${r.exception?.type ?? ''}`)) return [];
    const site = siteOf();
    const f = site?.origin;
    if (!site || !f || (!f.image && !f.symbol)) return [];
    const caller = site.own && site.own !== f ? ` ← ${frameLabel(site.own)}` : '';
    return [{ field: `threads[${r.threads.indexOf(site.thread)}].frames[${f.index}]`, text: `fault site: ${frameLabel(f)}${caller}`, ...(f.sourceLine !== undefined ? { line: f.sourceLine } : {}), required: false }];
  }
  if (r.kind === 'other' || r.kind === 'stackshot') {
    const main = mainThread(r);
    const w = main ? waitOf(r, main) : undefined;
    if (!main || !w) return [];
    return [{ field: `threads[${r.threads.indexOf(main)}]`, text: `main thread waits for ${w.meaning}: ${frameLabel(w.frame)}${w.own ? ` ← ${frameLabel(w.own)}` : ''}`, required: false }];
  }
  return [];
}
