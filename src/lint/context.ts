/**
 * What every rule reads: the Info.plist's personalities, the project's class table, the entitlements,
 * and each personality's family (from the .iig chain when there is one, else inferred from the plist).
 */
import { ancestryOf, readIigClasses, type ClassTable } from './iig-classes.js';
import { familyOfBaseClass, familyOfIoClass, familyOfIoServiceProvider, FAMILIES, type Family } from './families.js';
import { dictAt, isDict, stringAt } from './plist-values.js';
import type { DextInput, Finding, PlistDict, RuleId, Severity } from './types.js';

export interface Personality {
  name: string;
  dict: PlistDict;
}

/** How a personality's family was learnt; `iig` is authoritative, the others are inferences. */
export type FamilySource = 'iig' | 'ioclass' | 'provider' | 'user-client-dict' | 'entitlement';

export interface FamilyResolution {
  family?: Family;
  source?: FamilySource;
  /** The class chain read from .iig files (IOUserClass first). */
  chain?: string[];
  /** The framework class the chain ends on. */
  frameworkBase?: string;
}

export interface LintContext {
  input: DextInput;
  info: PlistDict;
  infoPath: string;
  bundleId?: string;
  personalities: Personality[];
  classes: ClassTable;
  hasIig: boolean;
  entitlements?: PlistDict;
  entitlementsPath?: string;
  appEntitlements: { path: string; dict: PlistDict }[];
  familyOf(p: Personality): FamilyResolution;
}

export function buildContext(input: DextInput): LintContext {
  const info = isDict(input.infoPlist.value) ? input.infoPlist.value : {};
  const personalitiesDict = dictAt(info, 'IOKitPersonalities') ?? {};
  const personalities = Object.entries(personalitiesDict)
    .filter((e): e is [string, PlistDict] => isDict(e[1]))
    .map(([name, dict]) => ({ name, dict }));
  const classes = readIigClasses(input.iigFiles ?? []);
  const ents = input.entitlements && isDict(input.entitlements.value) ? input.entitlements.value : undefined;
  const appEntitlements = (input.appEntitlements ?? []).flatMap((f) =>
    isDict(f.value) ? [{ path: f.path, dict: f.value }] : [],
  );
  const cache = new Map<string, FamilyResolution>();
  const ctx: LintContext = {
    input,
    info,
    infoPath: input.infoPlist.path,
    bundleId: stringAt(info, 'CFBundleIdentifier'),
    personalities,
    classes,
    hasIig: (input.iigFiles ?? []).length > 0,
    entitlements: ents,
    entitlementsPath: input.entitlements?.path,
    appEntitlements,
    familyOf(p) {
      let r = cache.get(p.name);
      if (!r) {
        r = resolveFamily(p.dict, classes, ents);
        cache.set(p.name, r);
      }
      return r;
    },
  };
  return ctx;
}

/**
 * A shipped bundle has no .iig, but its signature holds the family entitlement Apple granted: when
 * exactly one family's own entitlement is there, and the personality's provider suits that family,
 * that is its family. Transport entitlements (pci, usb) say nothing about the family.
 */
function familyOfEntitlements(ents: PlistDict | undefined, provider: string | undefined): Family | undefined {
  if (!ents) return undefined;
  const granted = (e: string): boolean => ents[e] !== undefined && ents[e] !== false;
  const held = FAMILIES.filter((f) => f.entitlements.some((e) => e.includes('.family.') && granted(e)));
  const [only] = held;
  if (held.length !== 1 || !only) return undefined;
  return provider === undefined || only.providers.length === 0 || only.providers.includes(provider) ? only : undefined;
}

function resolveFamily(dict: PlistDict, classes: ClassTable, ents: PlistDict | undefined): FamilyResolution {
  const userClass = stringAt(dict, 'IOUserClass');
  const ioClass = stringAt(dict, 'IOClass');
  const provider = stringAt(dict, 'IOProviderClass');
  if (userClass && classes.has(userClass)) {
    const { chain, frameworkBase } = ancestryOf(userClass, classes);
    if (frameworkBase) {
      const family =
        familyOfBaseClass(frameworkBase) ??
        (frameworkBase === 'IOService' ? familyOfIoServiceProvider(provider) : undefined);
      return { family, source: 'iig', chain, frameworkBase };
    }
    return { chain };
  }
  // No class declaration to follow: infer what the plist itself gives away.
  const byIoClass = ioClass ? familyOfIoClass(ioClass) : undefined;
  if (byIoClass) return { family: byIoClass, source: 'ioclass' };
  const byDict = FAMILIES.find((f) => f.userClientDict && dict[f.userClientDict.key] !== undefined);
  if (byDict) return { family: byDict, source: 'user-client-dict' };
  const byEntitlement = familyOfEntitlements(ents, provider);
  if (byEntitlement) return { family: byEntitlement, source: 'entitlement' };
  if (ioClass === 'IOUserService') {
    const byProvider = familyOfIoServiceProvider(provider);
    if (byProvider) return { family: byProvider, source: 'provider' };
  }
  return {};
}

/** Builds findings that carry the file and personality of the rule's current subject. */
export function findingFor(file: string, personality: string | null) {
  return (
    rule: RuleId,
    severity: Severity,
    key: string,
    message: string,
    expected: string | null,
    consequence: string,
  ): Finding => ({ rule, severity, personality, key, message, expected, consequence, file });
}

export type Rule = (ctx: LintContext) => Finding[];
