/**
 * The culprit: the module in whose code the fault happened (app image, framework or library, kext,
 * dext, coprocessor), Apple's or not; and separately the third-party modules the log implicates
 * (a kext in the panic backtrace or one that patches the kernel, the app code that called into
 * the faulting framework, a crash reporter's handler).
 */
import type { Culprit } from '../model/diagnosis.js';
import type { Frame, Report } from '../model/report.js';
import { skipLists } from './knowledge/index.js';
import { namedCoprocessor } from './generic.js';
import { faultSite, imageOf, isSystemImage, type FaultSite } from './facts.js';
import { dextBundleIdsOf } from './subjects.js';

export { isSystemImage } from './facts.js';

const APPLE_ID = /^com\.apple\./;

/** The report's fault site, computed on first use: callers that need it several times pass one. */
export type SiteOf = () => FaultSite | undefined;

/** A SiteOf that computes the fault site at most once. */
export function siteOnce(r: Report): SiteOf {
  let done = false;
  let site: FaultSite | undefined;
  return () => {
    if (!done) {
      site = faultSite(r);
      done = true;
    }
    return site;
  };
}

/** The module in whose code the fault happened, when the log shows one. */
export function culpritOf(r: Report, siteOf: SiteOf = siteOnce(r)): Culprit | undefined {
  if (r.kind === 'panic') return panicCulprit(r);
  const dexts = dextBundleIdsOf(r);
  if (dexts.length > 0) {
    const id = dexts[0] as string;
    return {
      kind: 'dext',
      name: r.process.name ?? id,
      bundleId: id,
      ...(r.process.version ? { version: r.process.version } : {}),
      role: 'faulting',
      apple: APPLE_ID.test(id),
    };
  }
  if (r.kind === 'crash') {
    // A killed process stopped wherever it was: its threads show no fault site, the process itself is what was ended.
    if (/SIGKILL/.test(`${r.exception?.signal ?? ''} ${r.exception?.type ?? ''}`)) return r.process.name ? { kind: 'process', name: r.process.name, ...(r.process.bundleId ? { bundleId: r.process.bundleId } : {}), ...(r.process.version ? { version: r.process.version } : {}), role: 'faulting' } : undefined;
    const site = siteOf();
    const f = site?.origin ?? site?.own;
    return f?.image ? imageCulprit(r, f, 'faulting') : undefined;
  }
  if (r.kind === 'jetsam') {
    const killed = r.jetsam?.killed?.[0];
    if (killed?.name) return { kind: 'process', name: killed.name, ...(killed.uuid ? { uuid: killed.uuid } : {}), role: 'faulting' };
  }
  return undefined;
}

/** Third-party modules the log implicates besides the culprit, each with why. */
export function implicatedOf(r: Report, culprit: Culprit | undefined, siteOf: SiteOf = siteOnce(r)): Culprit[] {
  const out: Culprit[] = [];
  const key = (c: Culprit): string => (c.bundleId ?? c.name).toLowerCase();
  const add = (c: Culprit): void => {
    if (culprit && key(culprit) === key(c)) return;
    if (!out.some((o) => key(o) === key(c))) out.push(c);
  };
  const patchers = skipLists().kernelPatchers;
  if (r.panic) {
    for (const k of r.panic.kexts) {
      if (!APPLE_ID.test(k.bundleId)) add({ kind: 'kext', name: k.bundleId, bundleId: k.bundleId, ...(k.version ? { version: k.version } : {}), role: 'implicated', apple: false, reason: 'third-party kext in the panic backtrace' });
    }
    const patcher = (k: { bundleId: string; version?: string }): void => {
      const p = patchers.find((x) => x.bundleIds.test(k.bundleId));
      if (p) add({ kind: 'kext', name: k.bundleId, bundleId: k.bundleId, ...(k.version ? { version: k.version } : {}), role: 'implicated', apple: false, reason: `${p.name}: ${p.what}` });
    };
    // Loaded kexts, then the backtrace's, then the last started one (no joined copy of the lists).
    for (const k of r.panic.loadedKexts ?? []) patcher(k);
    for (const k of r.panic.kexts) patcher(k);
    if (r.panic.lastStartedKext) patcher(r.panic.lastStartedKext);
  }
  const nEvents = Math.min(r.events.length, 20_000);
  for (let i = 0; i < nEvents; i++) {
    const e = r.events[i] as Report['events'][number];
    for (const p of patchers) {
      const m = p.logNames?.exec(e.message);
      if (m) add({ kind: 'kext', name: m[1] as string, role: 'implicated', apple: false, reason: `${p.name}: ${p.what}` });
    }
  }
  if (r.kind === 'crash' && culprit?.kind !== 'process') {
    const site = siteOf();
    if (site?.own?.image && (!culprit || culprit.apple)) {
      add({ ...imageCulprit(r, site.own, 'implicated'), reason: `third-party code on the crashed thread that called into ${culprit?.name ?? 'the OS'}` });
    }
    const named = (site?.reporters ?? []).filter((x, _, all) => x !== 'an in-app crash reporter' || all.length === 1);
    for (const rep of named) {
      add({ kind: 'crash-reporter', name: rep, role: 'implicated', apple: false, reason: 'crash-reporting SDK whose handler frames are on the crashed thread: it reports the crash and is not its cause, unless the crash happened inside the handler' });
    }
  }
  return out;
}

function panicCulprit(r: Report): Culprit | undefined {
  const third = r.panic?.kexts.find((x) => !APPLE_ID.test(x.bundleId));
  if (third) return kextCulprit(third, false);
  const d = r.panic?.dexts?.find((x) => !APPLE_ID.test(x.bundleId));
  if (d) return { kind: 'dext', name: d.bundleId, bundleId: d.bundleId, role: 'faulting', apple: false };
  const text = `${r.panic?.panicString ?? r.panic?.message ?? ''}\n${r.panic?.secondaryPanicString ?? ''}`.slice(0, 16_384);
  const co = namedCoprocessor(text);
  if (co) return { kind: 'coprocessor', name: co.row.name, role: 'faulting', apple: true };
  const first = r.panic?.kexts[0];
  return first ? kextCulprit(first, true) : undefined;
}

function kextCulprit(k: { bundleId: string; version?: string; uuid?: string }, apple: boolean): Culprit {
  return { kind: 'kext', name: k.bundleId, bundleId: k.bundleId, ...(k.version ? { version: k.version } : {}), ...(k.uuid ? { uuid: k.uuid } : {}), role: 'faulting', apple };
}

function imageCulprit(r: Report, f: Frame, role: 'faulting' | 'implicated'): Culprit {
  const name = f.image as string;
  const image = imageOf(r, f.image);
  const main = (image?.path !== undefined && image.path === r.process.path) || name === r.process.name || (image?.bundleId !== undefined && image.bundleId === r.process.bundleId);
  const framework = /\.framework\//.test(image?.path ?? '') || APPLE_ID.test(name);
  return {
    kind: main ? 'app-image' : framework ? 'framework' : 'image',
    name,
    ...(image?.bundleId ? { bundleId: image.bundleId } : {}),
    ...(image?.version ? { version: image.version } : {}),
    ...(image?.uuid ? { uuid: image.uuid } : {}),
    role,
    apple: isSystemImage(name, image),
  };
}
