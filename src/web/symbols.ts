/**
 * Symbolication in the page: the Mach-O files a user dropped (dSYM DWARF files, binaries, kexts, dext executables)
 * are read by the pure-TypeScript reader and matched to report images by UUID, like `--symbolicator macho` with
 * `--symbols`, but from bytes in memory instead of a folder walk. The planning, address arithmetic and write-back
 * are the symbolicate stage's own (plan, resolve, apply); only where the files come from differs.
 */
import type { Report } from '../model/report.js';
import { applyOutcomes } from '../symbolicate/apply.js';
import { MachoBackend } from '../symbolicate/macho-backend.js';
import { archMatches, readMachO } from '../symbolicate/macho/index.js';
import { needsOf, planReport } from '../symbolicate/plan.js';
import { resolvePlans, type Located } from '../symbolicate/resolve.js';
import type { ImageNeed, SymbolFile } from '../symbolicate/types.js';
import { baseName, type PageError, type PageFile } from './files.js';

/** What a dropped Mach-O file offers, for the page's list of inputs. */
export interface SymbolFileInfo {
  path: string;
  kind: 'dsym' | 'binary';
  slices: { arch: string; uuid: string }[];
}

const DWARF_MARK = '.dSYM/Contents/Resources/DWARF/';
const MH_DSYM = 0xa;

/** The bundle a file sits in: …/X.dSYM for DWARF files, else the nearest .app/.kext/.dext/.framework. */
function bundleOf(path: string): string | undefined {
  const d = path.indexOf(DWARF_MARK);
  if (d >= 0) return path.slice(0, d + 5);
  return /^(.*\.(?:app|kext|dext|framework|bundle|xpc|appex))\//.exec(path)?.[1];
}

/** Names a file answers to, for telling "UUID mismatch" and "arch missing" from "UUID not found". */
function namesOf(file: SymbolFile): string[] {
  const names = [baseName(file.path)];
  if (file.bundle) names.push(baseName(file.bundle).replace(/(\.(app|kext|dext|framework|bundle))?\.dSYM$|\.(app|kext|dext|framework|bundle)$/, ''));
  return names.map((n) => n.toLowerCase());
}

export class MemorySymbols {
  private readonly bytes = new Map<string, Uint8Array>();
  private readonly byUuid = new Map<string, SymbolFile[]>();
  private readonly byName = new Map<string, SymbolFile[]>();

  get size(): number {
    return this.bytes.size;
  }

  /** Index one Mach-O file; an unreadable one gives an error value and is left out. */
  add(file: PageFile): SymbolFileInfo | PageError {
    const read = readMachO(file.bytes, file.path);
    if (!read.ok) return { path: file.path, message: `not a readable Mach-O file: ${read.error.reason} (at ${read.error.path})` };
    const slices: SymbolFileInfo['slices'] = [];
    let kind: SymbolFileInfo['kind'] = 'binary';
    for (const image of read.images) {
      if (!image.uuid) continue;
      const bundle = bundleOf(file.path);
      const sf: SymbolFile = {
        path: file.path,
        arch: image.arch,
        uuid: image.uuid,
        kind: file.path.includes(DWARF_MARK) || image.filetype === MH_DSYM ? 'dsym' : 'binary',
        segments: image.segments,
        ...(bundle && { bundle }),
      };
      if (sf.kind === 'dsym') kind = 'dsym';
      slices.push({ arch: sf.arch, uuid: sf.uuid });
      const list = this.byUuid.get(sf.uuid) ?? [];
      if (!list.some((f) => f.path === sf.path && f.arch === sf.arch)) list.push(sf);
      this.byUuid.set(sf.uuid, list);
      for (const n of namesOf(sf)) this.byName.set(n, [...(this.byName.get(n) ?? []), sf]);
    }
    if (slices.length === 0) return { path: file.path, message: 'Mach-O file without a UUID (LC_UUID): it cannot be matched to a report' };
    this.bytes.set(file.path, file.bytes);
    return { path: file.path, kind, slices };
  }

  /** The verified file for an image (dSYM preferred), or why there is none. */
  locate(need: ImageNeed): Located {
    if (need.uuid) {
      const rank = (f: SymbolFile): number => (f.kind === 'dsym' ? 0 : 2) + (archMatches(need.arch, f.arch) ? 0 : 1);
      const best = [...(this.byUuid.get(need.uuid) ?? [])].sort((a, b) => rank(a) - rank(b))[0];
      if (best) return { file: best };
    }
    const last = need.bundleId?.split('.').pop();
    const named = [need.name, ...(last ? [last] : [])].flatMap((n) => this.byName.get(n.toLowerCase()) ?? []);
    if (named.length === 0 || !need.uuid) return { reason: 'UUID not found' };
    return { reason: named.some((f) => archMatches(need.arch, f.arch)) ? 'UUID mismatch' : 'arch missing' };
  }

  /** Symbolicate every report in one batch; reports are returned unchanged when no file was dropped. */
  async symbolicate(reports: Report[]): Promise<Report[]> {
    if (this.bytes.size === 0 || reports.length === 0) return reports;
    const plans = reports.map(planReport);
    const located = new Map<string, Located>();
    for (const plan of plans) for (const [key, need] of needsOf(plan)) if (!located.has(key)) located.set(key, this.locate(need));
    const backend = new MachoBackend(async (path) => {
      const b = this.bytes.get(path);
      if (!b) throw new Error(`${path}: not among the dropped files`);
      return b;
    });
    const outcomes = await resolvePlans(plans, located, backend);
    await backend.close();
    return reports.map((r, i) => applyOutcomes(r, plans[i]!, outcomes[i]!, 'macho'));
  }
}
