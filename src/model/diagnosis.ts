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

/**
 * A module the log points at. `role` says which: 'faulting' is the module in whose code the fault
 * happened (the diagnosis's `culprit`); 'implicated' is a third-party module the log ties to the
 * failure without the fault being in its code (a kext in the panic backtrace or one that patches the
 * kernel, the app code that called into a faulting framework, a crash reporter's handler).
 */
export interface Culprit {
  kind: 'kext' | 'dext' | 'app-image' | 'framework' | 'image' | 'process' | 'coprocessor' | 'crash-reporter';
  name: string;
  bundleId?: string;
  version?: string;
  uuid?: string;
  role?: 'faulting' | 'implicated';
  /** True for Apple's own module, false for a third party's, absent when the log does not tell. */
  apple?: boolean;
  /** Why an implicated module is named. */
  reason?: string;
}

export interface Diagnosis {
  /** Stable kebab-case signature id ("dk-uioserver-invoke-onqueue-assert"), or "generic-…" for fallbacks. */
  id: string;
  title: string;
  category: string;
  /** 0..1. */
  confidence: number;
  /** True for a fallback that could state no cause: the log holds nothing more, and the text says why. */
  generic?: boolean;
  /** True for a signature that groups or phases a failure (a crash loop, a recovery line) rather than explaining it; ranked after causes. */
  grouping?: boolean;
  evidence: Evidence[];
  /** Ranked likely causes, most likely first. */
  causes: string[];
  nextSteps: string[];
  references: string[];
  culprit?: Culprit;
  /** Third-party modules the log implicates besides the culprit (role 'implicated'). */
  implicated?: Culprit[];
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
