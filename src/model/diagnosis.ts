/**
 * Diagnoses: what the signature matcher (src/diagnose) concludes about a report or an incident.
 * Kept in the model so renderers and triage read them without importing the matcher.
 */

/** One piece of evidence that made a signature fire. */
export interface Evidence {
  /** Model field the text came from, e.g. "panic.message", "events[3].message", "threads[0].frames[2].symbol". */
  field: string;
  /** The matched text (bounded). */
  text: string;
  /** 1-based source line, when the field came from a line of the input. */
  line?: number;
  /** True when the signature requires this evidence; false for supporting evidence. */
  required?: boolean;
}

/** The component to blame where the log shows one. */
export interface Culprit {
  kind: 'kext' | 'dext' | 'app-image' | 'process' | 'image';
  name: string;
  bundleId?: string;
  version?: string;
  uuid?: string;
}

export interface Diagnosis {
  /** Stable kebab-case signature id ("dk-uioserver-invoke-onqueue-assert"), or "generic-…" for fallbacks. */
  id: string;
  title: string;
  category: string;
  /** 0..1. */
  confidence: number;
  /** True for a fallback explanation derived only from the exception or panic type. */
  generic?: boolean;
  /** True for a signature that groups or phases a failure (a crash loop, a recovery line) rather than explaining it; ranked after causes. */
  grouping?: boolean;
  evidence: Evidence[];
  /** Ranked likely causes, most likely first. */
  causes: string[];
  nextSteps: string[];
  references: string[];
  culprit?: Culprit;
}

/** A crash loop: the same process or dext failing again and again. */
export interface CrashLoop {
  /** Bundle id or process name. */
  subject: string;
  count: number;
  /** First and last occurrence as written, and the span in seconds when times were parseable. */
  firstTime?: string;
  lastTime?: string;
  spanSeconds?: number;
}

/** Inputs of one run that belong together (a dext's .ips, the kernel log around it, a panic). */
export interface Incident {
  /** Indices into the run's report list. */
  reports: number[];
  /** Bundle id or process that ties the reports together. */
  subject?: string;
  diagnoses: Diagnosis[];
  loop?: CrashLoop;
}
