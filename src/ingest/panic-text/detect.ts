/**
 * A cheap content test for the ingest detector (FORMATS §1): legacy `.panic` text or a pasted panic string.
 * Looks only at the head of the text. `.ips` JSON (a first line starting with `{`) is not panic text even
 * though its body holds a panic string; the detector checks for .ips first.
 */

const HEAD_BYTES = 64 * 1024;
const STRONG = /\*\*\* Panic Report \*\*\*|panic\(cpu \d+(?: caller 0x[0-9a-fA-F]+)?\)|panic\(cpu \d+ caller|\\npanic\(cpu /i;
const WEAK = /^\s*(?:>\s*)?(Debugger message: panic|Panicked task 0x|Kernel Extensions in backtrace:|Backtrace \(CPU \d+\), )/m;

/** True when the text looks like a panic string, legacy .panic file or a paste containing one. */
export function looksLikePanicText(text: string): boolean {
  const head = text.length > HEAD_BYTES ? text.slice(0, HEAD_BYTES) : text;
  const firstMeaningful = /^\s*(\S)/.exec(head)?.[1];
  if (firstMeaningful === '{' || firstMeaningful === '[') return false;
  if (STRONG.test(head)) return true;
  return head.includes('Anonymous UUID:') && /Panic/.test(head) ? true : WEAK.test(head);
}
