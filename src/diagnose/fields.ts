/**
 * Where each rule field's text comes from in the model. Every value carries the model path it was
 * read from and its source line, so evidence can quote it.
 */
import { hex } from '../model/numbers.js';
import { crashedThreadOf, type Frame, type Report } from '../model/report.js';
import type { TextSink } from '../model/literal-search.js';
import type { Field } from './types.js';

export interface FieldValue {
  /** Model path, e.g. "events[12].message". */
  path: string;
  text: string;
  line?: number;
  /** Numeric value for numeric fields (exception.address). */
  num?: bigint;
}

/** Longest text a regex sees: bounds the work any pattern can do on a hostile input. */
export const MAX_TEXT = 8192;
/** Frames looked at per thread: the cause is near the top, and deep recursion must not cost. */
const MAX_FRAMES = 64;
/** Kernel-log events looked at per report. */
const MAX_EVENTS = 20_000;

const bound = (s: string): string => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);
const one = (path: string, text: string | undefined, line?: number): FieldValue[] =>
  text === undefined || text === '' ? [] : [{ path, text: bound(text), ...(line !== undefined ? { line } : {}) }];

function frameSymbols(frames: Frame[] | undefined, path: string, limit = MAX_FRAMES): FieldValue[] {
  const out: FieldValue[] = [];
  const n = Math.min(frames?.length ?? 0, limit);
  for (let i = 0; i < n; i++) {
    const f = (frames as Frame[])[i] as Frame;
    const text = f.symbol ?? f.rawSymbol;
    if (text) out.push({ path: `${path}[${i}].symbol`, text: bound(text), ...(f.sourceLine !== undefined ? { line: f.sourceLine } : {}) });
    if (f.rawSymbol && f.symbol && f.rawSymbol !== f.symbol) out.push({ path: `${path}[${i}].rawSymbol`, text: bound(f.rawSymbol) });
  }
  return out;
}

function frameTexts(frames: Frame[] | undefined, out: string[], limit = MAX_FRAMES): void {
  const n = Math.min(frames?.length ?? 0, limit);
  for (let i = 0; i < n; i++) {
    const f = (frames as Frame[])[i] as Frame;
    const text = f.symbol ?? f.rawSymbol;
    if (text) out.push(bound(text));
    if (f.rawSymbol && f.symbol && f.rawSymbol !== f.symbol) out.push(bound(f.rawSymbol));
  }
}

/**
 * The texts of fieldValues(r, field), in order, without building each value's path: what the
 * prefilter searches. The fields with many values are read directly; the others through fieldValues.
 */
export function fieldTexts(r: Report, field: Field): string[] {
  const out: string[] = [];
  switch (field) {
    case 'thread.symbol':
      for (const t of r.threads) frameTexts(t.frames, out);
      return out;
    case 'crashed.symbol':
      frameTexts(crashedThreadOf(r)?.frames, out);
      return out;
    case 'panic.backtrace.symbol':
      frameTexts(r.panic?.backtrace, out);
      return out;
    case 'lastException.symbol':
      frameTexts(r.lastExceptionBacktrace, out);
      return out;
    case 'images.name':
      for (const im of r.images) {
        if (im.name) out.push(bound(im.name));
        if (im.bundleId) out.push(bound(im.bundleId));
      }
      return out;
    case 'images.path':
      for (const im of r.images) if (im.path) out.push(bound(im.path));
      return out;
    case 'event.message': {
      // A kernel log has thousands of events: their texts without a path string and an object each.
      const n = Math.min(r.events.length, MAX_EVENTS);
      for (let i = 0; i < n; i++) out.push(eventText(r.events[i] as Report['events'][number]));
      return out;
    }
    case 'event.driverKit': {
      const n = Math.min(r.events.length, MAX_EVENTS);
      for (let i = 0; i < n; i++) {
        const dk = (r.events[i] as Report['events'][number]).driverKit;
        if (dk) out.push(driverKitText(dk));
      }
      return out;
    }
    default:
      return fieldValues(r, field).map((v) => v.text);
  }
}

/** Frame symbols as fieldTexts gives them, into a sink (false: the sink stopped reading). */
function frameScan(frames: Frame[] | undefined, sink: TextSink, limit = MAX_FRAMES): boolean {
  const n = Math.min(frames?.length ?? 0, limit);
  for (let i = 0; i < n; i++) {
    const f = (frames as Frame[])[i] as Frame;
    const text = f.symbol ?? f.rawSymbol;
    if (text && !sink.value(bound(text))) return false;
    if (f.rawSymbol && f.symbol && f.rawSymbol !== f.symbol && !sink.value(bound(f.rawSymbol))) return false;
  }
  return true;
}

/** one()'s value, if any, into a sink. */
const oneScan = (text: string | undefined, sink: TextSink): boolean => text === undefined || text === '' || sink.value(bound(text));

/** Bounded texts of a list, each a value (as `.map((t) => bound(t))`). */
function listScan(list: readonly string[] | undefined, sink: TextSink): void {
  for (const t of list ?? []) if (!sink.value(bound(t))) return;
}

/**
 * fieldTexts(r, field) fed to a sink value by value, exactly those texts (bounded where fieldValues
 * bounds them), without building the strings the model already holds or any value object: what the
 * prefilter searches, and whether a field has any value at all. One small function per field, not one
 * switch: each is compiled on its own when it gets hot (one function with every field's loops and the
 * sinks' calls inlined took the optimising compiler longer than any other of the matcher's).
 */
export function scanField(r: Report, field: Field, sink: TextSink): void {
  const scan = SCANNERS.get(field);
  if (scan !== undefined) scan(r, sink);
  else for (const v of fieldValues(r, field)) if (!sink.value(v.text)) return;
}

/** A field's scan; what it returns means nothing (a one-line scan returns its sink's answer). */
type Scanner = (r: Report, sink: TextSink) => unknown;

const SCANNERS = new Map<Field, Scanner>([
  ['panic.message', (r, sink) => oneScan(r.panic?.message, sink)],
  ['panic.string', (r, sink) => oneScan(r.panic?.panicString, sink) && oneScan(r.panic?.secondaryPanicString, sink)],
  ['panic.process', (r, sink) => oneScan(r.panic?.panickedProcess, sink)],
  ['panic.compressor', (r, sink) => oneScan(r.panic?.compressorInfo, sink)],
  [
    'panic.dext',
    (r, sink) => {
      for (const d of r.panic?.dexts ?? []) {
        if (!(d.state ? sink.part(d.bundleId) && sink.part(' state: ') && sink.value(d.state) : sink.value(d.bundleId))) return;
      }
    },
  ],
  [
    'kext.backtrace',
    (r, sink) => {
      for (const k of r.panic?.kexts ?? []) if (!sink.value(k.bundleId)) return;
    },
  ],
  [
    'kext.loaded',
    (r, sink) => {
      for (const k of r.panic?.loadedKexts ?? []) if (!sink.value(k.bundleId)) return;
    },
  ],
  ['kext.lastStopped', (r, sink) => oneScan(r.panic?.lastStoppedKext?.bundleId, sink)],
  ['asi', (r, sink) => listScan(r.applicationSpecific, sink)],
  ['exception.type', (r, sink) => oneScan(r.exception?.type, sink)],
  ['exception.signal', (r, sink) => oneScan(r.exception?.signal, sink)],
  ['exception.codes', (r, sink) => oneScan(r.exception?.codes, sink)],
  ['exception.subtype', (r, sink) => oneScan(r.exception?.subtype, sink)],
  ['exception.message', (r, sink) => oneScan(r.exception?.message, sink)],
  ['exception.note', (r, sink) => oneScan(r.exception?.note, sink)],
  [
    'exception.address',
    (r, sink) => {
      const a = r.exception?.address;
      if (a !== undefined) sink.value(hex(a));
    },
  ],
  ['termination.namespace', (r, sink) => oneScan(r.termination?.namespace, sink)],
  ['termination.code', (r, sink) => oneScan(r.termination?.code, sink)],
  ['termination.reason', (r, sink) => listScan(r.termination?.reasons, sink)],
  ['termination.description', (r, sink) => oneScan(r.termination?.description, sink)],
  [
    'thread.symbol',
    (r, sink) => {
      for (const t of r.threads) if (!frameScan(t.frames, sink)) return;
    },
  ],
  ['crashed.symbol', (r, sink) => frameScan(crashedThreadOf(r)?.frames, sink)],
  ['crashed.top.symbol', (r, sink) => frameScan(crashedThreadOf(r)?.frames, sink, 1)],
  ['panic.backtrace.symbol', (r, sink) => frameScan(r.panic?.backtrace, sink)],
  ['lastException.symbol', (r, sink) => frameScan(r.lastExceptionBacktrace, sink)],
  [
    'crashed.stack',
    (r, sink) => {
      // One value: the symbols one per line ('???' for a frame without one), as fieldValues joins them.
      const frames = crashedThreadOf(r)?.frames ?? [];
      const n = Math.min(frames.length, MAX_FRAMES);
      const sym = (f: Frame): string => f.symbol ?? f.rawSymbol ?? '???';
      let length = n - 1;
      for (let i = 0; i < n; i++) length += sym(frames[i] as Frame).length;
      // An empty text is no value (one() drops it); a text over the bound is cut as one() cuts it.
      if (length <= 0) return;
      if (length > MAX_TEXT) {
        oneScan(frames.slice(0, n).map(sym).join('\n'), sink);
        return;
      }
      for (let i = 0; i < n; i++) {
        if (i > 0 && !sink.part('\n')) return;
        if (!sink.part(sym(frames[i] as Frame))) return;
      }
      sink.end();
    },
  ],
  [
    'crashed.image',
    (r, sink) => {
      const frames = crashedThreadOf(r)?.frames ?? [];
      const n = Math.min(frames.length, MAX_FRAMES);
      for (let i = 0; i < n; i++) if (!oneScan((frames[i] as Frame).image, sink)) return;
    },
  ],
  ['crashed.queue', (r, sink) => oneScan(crashedThreadOf(r)?.queue, sink)],
  [
    'images.name',
    (r, sink) => {
      for (const im of r.images) if (!(oneScan(im.name, sink) && oneScan(im.bundleId, sink))) return;
    },
  ],
  [
    'images.path',
    (r, sink) => {
      for (const im of r.images) if (!oneScan(im.path, sink)) return;
    },
  ],
  [
    'event.message',
    (r, sink) => {
      const n = Math.min(r.events.length, MAX_EVENTS);
      for (let i = 0; i < n; i++) {
        const e = r.events[i] as Report['events'][number];
        // eventText's "(sender) message", in parts unless it is cut.
        const ok =
          e.sender && !sentBy(e.message, e.sender)
            ? e.sender.length + e.message.length + 3 > MAX_TEXT
              ? sink.value(eventText(e))
              : sink.part('(') && sink.part(e.sender) && sink.part(') ') && sink.value(e.message)
            : sink.value(bound(e.message));
        if (!ok) return;
      }
    },
  ],
  [
    'event.driverKit',
    (r, sink) => {
      const n = Math.min(r.events.length, MAX_EVENTS);
      for (let i = 0; i < n; i++) {
        const dk = (r.events[i] as Report['events'][number]).driverKit;
        if (dk && !sink.value(driverKitText(dk))) return;
      }
    },
  ],
  ['process.name', (r, sink) => oneScan(r.process.name, sink)],
  ['process.path', (r, sink) => oneScan(r.process.path, sink)],
  ['process.bundleId', (r, sink) => oneScan(r.process.bundleId, sink)],
  ['process.translated', (r, sink) => r.process.translated && sink.value('translated')],
  ['vmregion', (r, sink) => oneScan(r.vmRegionInfo, sink)],
  ['kernel.triage', (r, sink) => listScan(r.kernelTriage, sink)],
  [
    'jetsam.reason',
    (r, sink) => {
      for (const k of r.jetsam?.killed ?? []) {
        if (!k.reason) continue;
        const ok = k.name
          ? k.reason.length + k.name.length + 3 > MAX_TEXT
            ? sink.value(bound(`${k.reason} (${k.name})`))
            : sink.part(k.reason) && sink.part(' (') && sink.part(k.name) && sink.value(')')
          : sink.value(bound(k.reason));
        if (!ok) return;
      }
    },
  ],
  ['notes', (r, sink) => listScan(r.notes, sink)],
  [
    'code.name',
    (r, sink) => {
      for (const c of r.codes ?? []) if (!sink.value(c.name)) return;
    },
  ],
  [
    'code.table',
    (r, sink) => {
      for (const c of r.codes ?? []) if (!sink.value(c.table)) return;
    },
  ],
  [
    'code',
    (r, sink) => {
      for (const c of r.codes ?? []) {
        const ok =
          c.table.length + c.name.length + c.raw.length + c.field.length + 6 > MAX_TEXT
            ? sink.value(bound(`${c.table} ${c.name} = ${c.raw} @${c.field}`))
            : sink.part(c.table) && sink.part(' ') && sink.part(c.name) && sink.part(' = ') && sink.part(c.raw) && sink.part(' @') && sink.value(c.field);
        if (!ok) return;
      }
    },
  ],
]);

/** All values of one field in one report. */
export function fieldValues(r: Report, field: Field): FieldValue[] {
  const p = r.panic;
  switch (field) {
    case 'panic.message':
      return one('panic.message', p?.message);
    case 'panic.string':
      return [...one('panic.panicString', p?.panicString), ...one('panic.secondaryPanicString', p?.secondaryPanicString)];
    case 'panic.backtrace.symbol':
      return frameSymbols(p?.backtrace, 'panic.backtrace');
    case 'panic.process':
      return one('panic.panickedProcess', p?.panickedProcess);
    case 'panic.compressor':
      return one('panic.compressorInfo', p?.compressorInfo);
    case 'panic.dext':
      return (p?.dexts ?? []).map((d, i) => ({ path: `panic.dexts[${i}]`, text: `${d.bundleId}${d.state ? ` state: ${d.state}` : ''}` }));
    case 'kext.backtrace':
      return (p?.kexts ?? []).map((k, i) => ({ path: `panic.kexts[${i}].bundleId`, text: k.bundleId }));
    case 'kext.loaded':
      return (p?.loadedKexts ?? []).map((k, i) => ({ path: `panic.loadedKexts[${i}].bundleId`, text: k.bundleId }));
    case 'kext.lastStopped':
      return one('panic.lastStoppedKext.bundleId', p?.lastStoppedKext?.bundleId);
    case 'asi':
      return (r.applicationSpecific ?? []).map((t, i) => ({ path: `applicationSpecific[${i}]`, text: bound(t) }));
    case 'exception.type':
      return one('exception.type', r.exception?.type);
    case 'exception.signal':
      return one('exception.signal', r.exception?.signal);
    case 'exception.codes':
      return one('exception.codes', r.exception?.codes);
    case 'exception.subtype':
      return one('exception.subtype', r.exception?.subtype);
    case 'exception.message':
      return one('exception.message', r.exception?.message);
    case 'exception.note':
      return one('exception.note', r.exception?.note);
    case 'exception.address': {
      const a = r.exception?.address;
      return a === undefined ? [] : [{ path: 'exception.address', text: hex(a), num: a }];
    }
    case 'termination.namespace':
      return one('termination.namespace', r.termination?.namespace);
    case 'termination.code':
      return one('termination.code', r.termination?.code);
    case 'termination.reason':
      return (r.termination?.reasons ?? []).map((t, i) => ({ path: `termination.reasons[${i}]`, text: bound(t) }));
    case 'termination.description':
      return one('termination.description', r.termination?.description);
    case 'crashed.symbol':
      return frameSymbols(crashedThreadOf(r)?.frames, crashedPath(r));
    case 'crashed.top.symbol':
      return frameSymbols(crashedThreadOf(r)?.frames, crashedPath(r), 1);
    case 'crashed.stack': {
      // The crashed thread's symbols one per line, so a pattern can say "frame X directly under frame Y".
      const frames = (crashedThreadOf(r)?.frames ?? []).slice(0, MAX_FRAMES);
      const text = frames.map((f) => f.symbol ?? f.rawSymbol ?? '???').join('\n');
      return one(crashedPath(r), text);
    }
    case 'crashed.image': {
      const t = crashedThreadOf(r);
      const base = crashedPath(r);
      return (t?.frames ?? []).slice(0, MAX_FRAMES).flatMap((f, i) => one(`${base}[${i}].image`, f.image, f.sourceLine));
    }
    case 'crashed.queue':
      return one(`${crashedPath(r).replace(/\.frames$/, '')}.queue`, crashedThreadOf(r)?.queue);
    case 'lastException.symbol':
      return frameSymbols(r.lastExceptionBacktrace, 'lastExceptionBacktrace');
    case 'thread.symbol':
      return r.threads.flatMap((t, ti) => frameSymbols(t.frames, `threads[${ti}].frames`));
    case 'images.name':
      return r.images.flatMap((im, i) => [...one(`images[${i}].name`, im.name), ...one(`images[${i}].bundleId`, im.bundleId)]);
    case 'images.path':
      return r.images.flatMap((im, i) => one(`images[${i}].path`, im.path));
    case 'event.message':
      return r.events.slice(0, MAX_EVENTS).map((e, i) => ({
        path: `events[${i}].message`,
        text: eventText(e),
        ...(e.line !== undefined ? { line: e.line } : {}),
      }));
    case 'event.driverKit':
      return r.events.slice(0, MAX_EVENTS).flatMap((e, i) =>
        e.driverKit ? [{ path: `events[${i}].driverKit`, text: driverKitText(e.driverKit), ...(e.line !== undefined ? { line: e.line } : {}) }] : [],
      );
    case 'process.name':
      return one('process.name', r.process.name);
    case 'process.path':
      return one('process.path', r.process.path);
    case 'process.bundleId':
      return one('process.bundleId', r.process.bundleId);
    case 'process.translated':
      // "translated" when the process ran under Rosetta, so a rule can test the flag with a pattern.
      return r.process.translated ? [{ path: 'process.translated', text: 'translated' }] : [];
    case 'vmregion':
      return one('vmRegionInfo', r.vmRegionInfo);
    case 'kernel.triage':
      return (r.kernelTriage ?? []).map((t, i) => ({ path: `kernelTriage[${i}]`, text: bound(t) }));
    case 'jetsam.reason':
      return (r.jetsam?.killed ?? []).flatMap((k, i) => one(`jetsam.killed[${i}].reason`, k.reason ? `${k.reason}${k.name ? ` (${k.name})` : ''}` : undefined));
    case 'notes':
      return (r.notes ?? []).map((t, i) => ({ path: `notes[${i}]`, text: bound(t) }));
    // Decoded codes (src/codes): a rule can name a family of codes ("^kIOReturn(Unsupported|NotPermitted)$").
    // The path is the decoded field, so evidence points at the line the code came from.
    case 'code.name':
      return (r.codes ?? []).map((c) => ({ path: c.field, text: c.name, ...(c.line !== undefined ? { line: c.line } : {}) }));
    case 'code.table':
      return (r.codes ?? []).map((c) => ({ path: c.field, text: c.table, ...(c.line !== undefined ? { line: c.line } : {}) }));
    case 'code':
      // "<table> <name> = <raw> @<field>": one pattern can tie a table, a name and where the code was found.
      return (r.codes ?? []).map((c) => ({ path: c.field, text: bound(`${c.table} ${c.name} = ${c.raw} @${c.field}`), ...(c.line !== undefined ? { line: c.line } : {}) }));
  }
}

/** Fields whose values are frame symbols: matchFrameSymbols tests them without building every value. */
export const FRAME_SYMBOL_FIELDS: ReadonlySet<Field> = new Set<Field>(['thread.symbol', 'crashed.symbol', 'crashed.top.symbol', 'lastException.symbol', 'panic.backtrace.symbol']);

/** A value and what the rule's regex matched in it (null: no regex, any value). */
export interface ValueMatch {
  value: FieldValue;
  m: RegExpExecArray | null;
}

/**
 * The first of fieldValues(r, field) whose text `re` matches (the first value when `re` is undefined),
 * for a field of FRAME_SYMBOL_FIELDS: the same values in the same order, but only the one returned is
 * built (a crash report has hundreds of frames, each value a path string and an object).
 */
export function matchFrameSymbols(r: Report, field: Field, re: RegExp | undefined): ValueMatch | undefined {
  switch (field) {
    case 'thread.symbol':
      for (let ti = 0; ti < r.threads.length; ti++) {
        const hit = frameMatch((r.threads[ti] as Report['threads'][number]).frames, () => `threads[${ti}].frames`, re, MAX_FRAMES);
        if (hit) return hit;
      }
      return undefined;
    case 'crashed.symbol':
      return frameMatch(crashedThreadOf(r)?.frames, () => crashedPath(r), re, MAX_FRAMES);
    case 'crashed.top.symbol':
      return frameMatch(crashedThreadOf(r)?.frames, () => crashedPath(r), re, 1);
    case 'lastException.symbol':
      return frameMatch(r.lastExceptionBacktrace, () => 'lastExceptionBacktrace', re, MAX_FRAMES);
    case 'panic.backtrace.symbol':
      return frameMatch(r.panic?.backtrace, () => 'panic.backtrace', re, MAX_FRAMES);
    default:
      throw new Error(`matchFrameSymbols: ${field} is not a frame symbol field`);
  }
}

/** frameSymbols(frames, path(), limit) searched value by value. */
function frameMatch(frames: Frame[] | undefined, path: () => string, re: RegExp | undefined, limit: number): ValueMatch | undefined {
  const n = Math.min(frames?.length ?? 0, limit);
  for (let i = 0; i < n; i++) {
    const f = (frames as Frame[])[i] as Frame;
    const sym = f.symbol ?? f.rawSymbol;
    if (sym) {
      const text = bound(sym);
      const m = re ? re.exec(text) : null;
      if (!re || m) return { value: { path: `${path()}[${i}].symbol`, text, ...(f.sourceLine !== undefined ? { line: f.sourceLine } : {}) }, m };
    }
    if (f.rawSymbol && f.symbol && f.rawSymbol !== f.symbol) {
      const text = bound(f.rawSymbol);
      const m = re ? re.exec(text) : null;
      if (!re || m) return { value: { path: `${path()}[${i}].rawSymbol`, text }, m };
    }
  }
  return undefined;
}

/**
 * The value of fieldValues(r, 'event.message') at index i, alone (its text given: fieldTexts(r,
 * 'event.message')[i]): a rule can test every event's text and build the path of the one it quotes.
 */
export function eventMessageValue(r: Report, i: number, text: string): FieldValue {
  const line = (r.events[i] as Report['events'][number]).line;
  return { path: `events[${i}].message`, text, ...(line !== undefined ? { line } : {}) };
}

/** The dext's own output keeps its "(bundle.dext)" sender in the text, as the log printed it. */
const eventText = (e: Report['events'][number]): string =>
  bound(e.sender && !sentBy(e.message, e.sender) ? `(${e.sender}) ${e.message}` : e.message);

/** message.startsWith(`(${sender})`), without building that string for every event. */
const sentBy = (message: string, sender: string): boolean =>
  message.charCodeAt(0) === 40 && message.startsWith(sender, 1) && message.charCodeAt(sender.length + 1) === 41;

/** "crash-count com.example.driver 3": the recognised DriverKit kind first, then its facts. */
function driverKitText(dk: NonNullable<Report['events'][number]['driverKit']>): string {
  switch (dk.kind) {
    case 'dk':
      return `dk ${dk.className ?? ''} ${dk.text}`.trim();
    case 'dext-output':
      return `dext-output ${dk.bundleId}`;
    case 'client-crashed':
      return `client-crashed ${dk.className ?? ''}${dk.phase ? ` ${dk.phase}` : ''}${dk.noOpenSession ? ' no-open-session' : ''}`;
    case 'pci-not-open':
      return `pci-not-open ${dk.className ?? ''}`.trim();
    case 'crash-count':
      return `crash-count ${dk.bundleId} ${dk.count}`;
    case 'crashed-too-many-times':
      return `crashed-too-many-times ${dk.bundleId}`;
    case 'start-failed':
      return `start-failed ${dk.dext ?? ''} ${dk.className ?? ''} ${dk.code ?? ''}`.replace(/\s+/g, ' ').trim();
    case 'server-exit':
      return `server-exit ${dk.server}${dk.reason ? ` ${dk.reason}` : ''}`;
    case 'activation-error':
      return `activation-error ${dk.domain} ${dk.code}`;
    case 'sysext-state':
      return `sysext-state ${dk.bundleId} ${dk.state}`;
  }
}

function crashedPath(r: Report): string {
  const t = crashedThreadOf(r);
  const i = t ? r.threads.indexOf(t) : -1;
  return `threads[${i}].frames`;
}
