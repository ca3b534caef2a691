/**
 * Joins `paniclens lint` findings for a dext to the DriverKit diagnoses of a crash: the findings become
 * evidence (`field: 'lint.<rule>'`) and the exact keys to change go to the front of the next steps.
 * Pure: diagnoses and lint results in, new diagnoses out.
 */
import type { Diagnosis, Evidence } from '../model/diagnosis.js';
import type { DextLintResult, Finding, RuleId } from '../lint/types.js';

/** The lint rules that explain each DriverKit signature (SIGNATURES.md §1 fixes and §2.1 evidence). */
const RULES_FOR_SIGNATURE: Record<string, RuleId[]> = {
  'dk-uioserver-invoke-onqueue-assert': ['L07', 'L08', 'L05'],
  'dk-personality-ioclass-family-mismatch': ['L07', 'L16', 'L08'],
  'dk-cfbundleidentifierkernel-missing-or-wrong': ['L08', 'L07'],
  'dk-provider-ioresources-not-iouserresources': ['L09', 'L10'],
  'dk-no-user-class': ['L05'],
  'dk-user-server-launch-timeout': ['L19', 'L15', 'L06'],
  'dk-dext-crash-loop': ['L07', 'L08', 'L05'],
  'dk-pci-clientcrashed-no-open-session': ['L07', 'L08', 'L05'],
  'dk-setpowerstate-ack-timeout-panic': ['L07', 'L08'],
  'dk-driverkit-entitlement-missing': ['L15'],
  'dk-transport-or-family-entitlement-mismatch': ['L15', 'L12', 'L13'],
  'dk-userclient-access-denied': ['L15'],
  'sysext-usage-description-missing': ['L02'],
  'sysext-extension-not-found-bundle-name': ['L03'],
  'dk-exec-format-error-arm64e': ['L19'],
  'dk-usb-device-match-with-interface-keys': ['L13'],
  'dk-userserver-name-organization': ['L06', 'L18'],
  'dk-start-result': ['L07', 'L08', 'L04'],
};

export function isDriverKitDiagnosis(d: Diagnosis): boolean {
  return d.category === 'driverkit' || d.id.startsWith('dk-') || d.id.startsWith('sysext-');
}

/** The lint results about the diagnosis's dext: matched by bundle id when both sides know it. */
function resultsFor(d: Diagnosis, lint: readonly DextLintResult[]): DextLintResult[] {
  const id = d.culprit?.bundleId;
  if (!id) return [...lint];
  const same = lint.filter((r) => r.bundleId === id);
  // The user named the dext with --dext; when its id cannot be matched (unresolved $(…)), trust them.
  return same.length > 0 ? same : lint.filter((r) => r.bundleId === null || r.bundleId.includes('$('));
}

function where(f: Finding, infoPlistPath: string): string {
  const file = (f.file ?? infoPlistPath).split(/[\\/]/).pop() ?? 'Info.plist';
  return f.personality === null ? file : `the "${f.personality}" personality of ${file}`;
}

/** "Set IOClass to IOUserSCSIParallelInterfaceController in the "X" personality of Info.plist (lint L07)." */
export function nextStepFor(f: Finding, infoPlistPath: string): string {
  const at = where(f, infoPlistPath);
  if (f.expected === null) return `Fix ${f.key} in ${at}: ${f.message} (lint ${f.rule})`;
  // A value ("IOUserService", "true") reads as "set to"; an instruction ("add arm64e to ARCHS") is quoted as is.
  if (/\s/.test(f.expected)) return `In ${at}, ${f.key}: ${f.expected} (lint ${f.rule})`;
  return `Set ${f.key} to ${f.expected} in ${at} (lint ${f.rule})`;
}

export function joinLintEvidence(diagnoses: readonly Diagnosis[], lint: readonly DextLintResult[]): Diagnosis[] {
  return diagnoses.map((d) => {
    if (!isDriverKitDiagnosis(d)) return d;
    const relevant = RULES_FOR_SIGNATURE[d.id] ?? [];
    const rank = (f: Finding): number => (relevant.includes(f.rule) ? relevant.indexOf(f.rule) : relevant.length + 1);
    const picked = resultsFor(d, lint).flatMap((r) =>
      r.findings.filter((f) => f.severity !== 'info').map((f) => ({ f, path: r.infoPlistPath })),
    );
    if (picked.length === 0) return d;
    picked.sort((a, b) => rank(a.f) - rank(b.f) || (a.f.severity === b.f.severity ? 0 : a.f.severity === 'error' ? -1 : 1));
    const evidence: Evidence[] = picked.map(({ f }) => ({
      field: `lint.${f.rule}`,
      text: `${f.personality ? `${f.personality}: ` : ''}${f.message}`,
      required: false,
    }));
    // Steps for the findings that explain this signature, or for every error when none is specific.
    const stepSource = picked.filter(({ f }) => relevant.includes(f.rule));
    const steps = (stepSource.length ? stepSource : picked.filter(({ f }) => f.severity === 'error')).map(({ f, path }) => nextStepFor(f, path));
    const nextSteps = [...new Set([...steps, ...d.nextSteps])];
    // After the signature's required evidence, before its supporting lines: the plist is the cause itself.
    const required = d.evidence.filter((e) => e.required === true);
    const rest = d.evidence.filter((e) => e.required !== true);
    return { ...d, evidence: [...required, ...evidence, ...rest], nextSteps };
  });
}

/** Apply the join to every report's and incident's diagnoses (reports and incidents are not mutated). */
export function withLintEvidence<T extends { reports: { diagnoses?: Diagnosis[] }[]; incidents?: { diagnoses: Diagnosis[] }[] }>(
  analysis: T,
  lint: readonly DextLintResult[],
): T {
  return {
    ...analysis,
    reports: analysis.reports.map((r) => (r.diagnoses ? { ...r, diagnoses: joinLintEvidence(r.diagnoses, lint) } : r)),
    incidents: analysis.incidents?.map((i) => ({ ...i, diagnoses: joinLintEvidence(i.diagnoses, lint) })),
  };
}
