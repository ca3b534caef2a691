/**
 * Edge-level orchestration: plan every frame (pure arithmetic), find verified symbol files by UUID, resolve all
 * addresses of all reports in one backend batch, and write the answers back (pure). A Symbolicator keeps its
 * backend process and symbol index for a whole run (a triage of many reports reuses both).
 */
import { dirname, resolve as resolvePath } from 'node:path';
import type { Report } from '../model/report.js';
import { applyOutcomes } from './apply.js';
import { defaultRoots, spotlightDsyms } from './discovery/default-locations.js';
import { SymbolIndex } from './discovery/symbol-index.js';
import { needsOf, planReport } from './plan.js';
import { resolvePlans, type Located } from './resolve.js';
import { selectBackend, type SymbolicatorChoice } from './select-backend.js';
import type { BackendName, ImageNeed, SymbolBackend } from './types.js';
import { installNodeCxxBackendOnUse } from '../demangle/cxx-node.js';

export interface SymbolicateOptions {
  symbolicator?: SymbolicatorChoice;
  /** --symbols paths: searched recursively for dSYMs, binaries, kexts, dexts and KDKs. */
  symbols?: string[];
  /** Search Xcode Archives/DerivedData, KDKs and Spotlight (macOS only). Default true. */
  defaultLocations?: boolean;
  /** Also look in each report's own folder (not recursive). Default true. */
  reportFolders?: boolean;
  /** A ready backend (tests, benches); overrides `symbolicator`. */
  backend?: SymbolBackend;
  platform?: NodeJS.Platform;
  /** Leave reports untouched unless at least one image's symbols were found (analyze without --symbols). */
  onlyWhenFound?: boolean;
}

export class Symbolicator {
  readonly index = new SymbolIndex();
  private backend: SymbolBackend | undefined;
  private backendReady = false;
  private rootsAdded = false;
  private readonly spotlightAsked = new Set<string>();
  /** Why the requested backend is unavailable, when it is (its frames say "backend missing"). */
  backendMissing: string | undefined;

  constructor(private readonly options: SymbolicateOptions = {}) {
    installNodeCxxBackendOnUse();
  }

  /** The backend's name, once chosen. */
  get backendName(): BackendName | undefined {
    return this.backend?.name;
  }

  async symbolicate(reports: Report[]): Promise<Report[]> {
    if ((this.options.symbolicator ?? 'auto') === 'none' && !this.options.backend) return reports;
    await this.addRoots(reports);
    const plans = reports.map(planReport);
    const needs = new Map<string, ImageNeed>();
    for (const p of plans) for (const [k, n] of needsOf(p)) needs.set(k, n);
    const located = new Map<string, Located>();
    for (const [key, need] of needs) located.set(key, await this.locate(need));
    if (this.options.onlyWhenFound && ![...located.values()].some((l) => 'file' in l)) return reports;
    const backend = this.ensureBackend();
    const outcomes = await resolvePlans(plans, located, backend);
    return reports.map((r, i) => applyOutcomes(r, plans[i]!, outcomes[i]!, backend?.name ?? 'macho'));
  }

  async close(): Promise<void> {
    await this.backend?.close();
  }

  private ensureBackend(): SymbolBackend | undefined {
    if (!this.backendReady) {
      this.backendReady = true;
      const choice = this.options.backend
        ? { backend: this.options.backend }
        : selectBackend(this.options.symbolicator ?? 'auto', { platform: this.options.platform, llvm: { dsymHints: [...this.index.dsymBundles] } });
      this.backend = choice.backend;
      this.backendMissing = choice.missing;
    }
    return this.backend;
  }

  private async addRoots(reports: Report[]): Promise<void> {
    if (!this.rootsAdded) {
      this.rootsAdded = true;
      for (const p of this.options.symbols ?? []) await this.index.addRoot({ path: resolvePath(p) });
      if (this.options.defaultLocations ?? true) for (const r of await defaultRoots(this.options.platform)) await this.index.addRoot(r);
    }
    if (this.options.reportFolders ?? true) {
      for (const r of reports) if (r.source.path !== '-' && r.source.path !== '') await this.index.addRoot({ path: dirname(resolvePath(r.source.path)), shallow: true });
    }
  }

  private async locate(need: ImageNeed): Promise<Located> {
    let found = this.index.locate(need);
    if ('reason' in found && need.uuid && (this.options.defaultLocations ?? true) && !this.spotlightAsked.has(need.uuid)) {
      this.spotlightAsked.add(need.uuid);
      for (const dsym of await spotlightDsyms(need.uuid, this.options.platform)) await this.index.addRoot({ path: dsym });
      found = this.index.locate(need);
    }
    return found;
  }
}

/** Symbolicate reports with a fresh Symbolicator (closed afterwards). For whole runs, keep one Symbolicator instead. */
export async function symbolicateReports(reports: Report[], options: SymbolicateOptions = {}): Promise<Report[]> {
  const s = new Symbolicator(options);
  try {
    return await s.symbolicate(reports);
  } finally {
    await s.close();
  }
}

export type { SymbolicatorChoice } from './select-backend.js';
export { SYMBOLICATORS, selectBackend } from './select-backend.js';
export type { SymbolBackend, SymbolQuery, SymbolAnswer, SymbolFile, UnresolvedReason, BackendName } from './types.js';
