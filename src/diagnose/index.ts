/**
 * Diagnose: signatures over reports → ranked diagnoses per report, plus incidents and crash loops
 * across the reports of one run. Core code: no Node API.
 */
import type { CrashLoop, Diagnosis, Incident } from '../model/diagnosis.js';
import type { Report } from '../model/report.js';
import type { CompiledSignature } from './compile-rules.js';
import { culpritOf, implicatedOf, siteOnce } from './culprit.js';
import { genericDiagnosis } from './generic.js';
import { factEvidence } from './facts.js';
import { correlateIncidents, type IncidentOptions } from './incidents.js';
import { matchReport, rank } from './match.js';
import { belowSignatures, codeDiagnoses } from './code-diagnoses.js';

export type { CompiledSignature } from './compile-rules.js';
export type { Signature, SignatureFile, SignatureError, Rule, Field } from './types.js';
export { FIELDS } from './types.js';
export { loadSignatureFile, loadSignatureSet, type LoadResult } from './load-signatures.js';
export { correlateIncidents, correlateMembers, distinctCrashCount, incidentMemberOf, type IncidentMember, type IncidentOptions } from './incidents.js';
export { detectLogLoops } from './loops.js';
export { culpritOf, implicatedOf } from './culprit.js';
export { genericDiagnosis } from './generic.js';
export { codeDiagnoses } from './code-diagnoses.js';
export { SIGNATURE_SCHEMA } from './signature-schema.js';

/** Ranked diagnoses of one report; never empty (a generic one when nothing specific fires). */
export function diagnoseReport(report: Report, signatures: CompiledSignature[]): Diagnosis[] {
  const fired = matchReport(report, signatures);
  // The code tables explain every termination code, jetsam cause, guard and resource flavor even without a signature.
  const found = fired.concat(belowSignatures(codeDiagnoses(report), fired));
  // The fallback, culprit, implicated modules and fact evidence all start from the one fault site.
  const site = siteOnce(report);
  const list = found.length > 0 ? found : [genericDiagnosis(report, site)];
  const culprit = culpritOf(report, site);
  const implicated = implicatedOf(report, culprit, site);
  const facts = found.length > 0 ? factEvidence(report, site) : [];
  // Every diagnosis in the list was built for this report alone (matchOfKind, codeDiagnoses and
  // genericDiagnosis return new objects): completed in place, where a spread copy per diagnosis
  // gave the same keys in the same order (a key it already has keeps its place, new ones go last).
  for (let i = 0; i < list.length; i++) {
    const d = list[i] as Diagnosis;
    // A signature's text is general: the report's own fault site or wait comes with it as supporting evidence.
    if (facts.length) d.evidence = withFacts(d.evidence, facts);
    if (culprit) d.culprit = culprit;
    if (implicated.length) d.implicated = implicated;
  }
  return rank(list);
}

/** The evidence, then each fact about a field it does not quote yet. */
function withFacts(evidence: Diagnosis['evidence'], facts: Diagnosis['evidence']): Diagnosis['evidence'] {
  const out = evidence.slice();
  for (const f of facts) if (!evidence.some((e) => e.field === f.field)) out.push(f);
  return out;
}

export interface DiagnoseResult {
  reports: Report[];
  incidents: Incident[];
}

/** Fill `diagnoses` on every report (in place) and correlate the run's reports into incidents. */
export function diagnose(reports: Report[], signatures: CompiledSignature[]): DiagnoseResult {
  for (const r of reports) r.diagnoses = diagnoseReport(r, signatures);
  const incidents = correlateIncidents(reports, incidentOptionsFor(signatures));
  return { reports, incidents };
}

/** How incidents name a loop seen only as repeated crash reports: the dk-dext-crash-loop signature, for dexts. */
export function incidentOptionsFor(signatures: CompiledSignature[]): IncidentOptions {
  const loopSig = signatures.find((s) => s.signature.id === 'dk-dext-crash-loop')?.signature;
  return {
    loopDiagnosis: (loop: CrashLoop, dext: boolean) =>
      loopSig && dext
        ? {
            id: loopSig.id,
            title: loopSig.title,
            category: loopSig.category,
            confidence: loopSig.confidence,
            evidence: [{ field: 'incident.loop', text: `${loop.count} crash reports of ${loop.subject}${loop.spanSeconds !== undefined ? ` over ${loop.spanSeconds} s` : ''}`, required: true }],
            causes: [...loopSig.causes],
            nextSteps: [...loopSig.nextSteps],
            references: [...loopSig.references],
            ...(loopSig.grouping ? { grouping: true } : {}),
            culprit: { kind: 'dext', name: loop.subject, bundleId: loop.subject },
          }
        : undefined,
  };
}
