/**
 * Who wrote an Apple-style text report (FORMATS §6.6). In-app reporters copy Apple's layout but
 * leave fingerprints: KSCrash writes `Exception Type: 0 (0)` (read as no type, with a warning), symbols in parentheses after the load
 * address, "CrashDoctor Diagnosis" and its own handler threads; PLCrashReporter writes bare signal
 * names as the exception type, RFC 3339 dates and Code Type without "(Native)".
 */
import type { Report } from '../../model/report.js';
import { NO_EXCEPTION_TYPE } from './exception.js';

export interface ProducerHints {
  /** Frames in the KSCrash `0xload + off (symbol + off)` form. */
  ksFrames: number;
  crashDoctor: boolean;
  /** Code Type written without "(Native)"/"(Translated)". */
  bareCodeType: boolean;
  rfc3339Date: boolean;
}

export function detectProducer(r: Report, h: ProducerHints): string | undefined {
  const threadNames = r.threads.map((t) => t.name ?? '').join('\n');
  if (h.crashDoctor || h.ksFrames > 0 || /KSCrash/.test(threadNames) || r.warnings.includes(NO_EXCEPTION_TYPE)) return 'KSCrash';
  const type = r.exception?.type ?? '';
  if (/^SIG[A-Z]+$/.test(type) || h.rfc3339Date || r.source.reportVersion === '106') return 'PLCrashReporter';
  if (h.bareCodeType && r.os.platform === 'macOS' && r.source.reportVersion === '104') return 'PLCrashReporter';
  return undefined;
}

/** A report year before 2001 means the device clock was unset or the reporter wrote a bogus date. */
export function bogusDateWarning(time: string | undefined): string | undefined {
  if (!time) return undefined;
  const y = /^\s*(\d{4})-\d\d-\d\d/.exec(time);
  if (!y?.[1] || Number(y[1]) > 2000) return undefined;
  return `Date/Time ${time.trim()} is not a real date (device clock unset or written by the reporter); times in this report are unreliable`;
}
