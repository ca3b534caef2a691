import type { Report } from '../model/report.js';
import { parseCrashText } from './crash-text/index.js';
import { parseIps } from './ips/index.js';
import type { DocumentContext } from './types.js';

/**
 * Console's "Translated Report (Full Report Below)" copy: legacy-style text first, the .ips JSON
 * under "Full Report" second. The JSON is authoritative; the text serves when the JSON is missing
 * ("Unable to load full report.") or cut short (FORMATS.md §2.5).
 */
export function parseTranslatedReport(text: string, ctx: DocumentContext): Report {
  const lines = text.split('\n');
  const fullAt = lines.findIndex((l) => /^\s*(#+\s*)?Full Report\s*$/.test(l));
  const headerAt = fullAt < 0 ? -1 : lines.findIndex((l, i) => i > fullAt && /^\s*\{.*"bug_type"/.test(l));
  const translatedText = lines.slice(0, fullAt < 0 ? lines.length : fullAt).join('\n');
  if (headerAt >= 0) {
    const ips = parseIps(lines.slice(headerAt).join('\n'), { ...ctx, startLine: ctx.startLine + headerAt });
    if (!ips.truncated && ips.kind !== 'other') {
      ips.notes = [...(ips.notes ?? []), 'read from the Full Report JSON of a Console translated report'];
      return ips;
    }
    const fallback = parseCrashText(translatedText, ctx);
    fallback.warnings.push('the Full Report JSON was cut short; the translated text was used instead');
    return fallback;
  }
  const report = parseCrashText(translatedText, ctx);
  if (fullAt >= 0) report.warnings.push('the Full Report JSON is missing; the translated text was used');
  return report;
}
