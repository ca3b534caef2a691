/**
 * `Code Type:` values: `ARM-64 (Native)`, `X86-64 (Translated)`, `ARM`, `X86 (Native)`, `X86-64`,
 * `PPC`. The suffix is stripped before the value is used as an arch (passing it to `atos -arch` fails).
 */
import { normalizeArch } from '../ips/platform.js';

export interface CodeType {
  arch?: string;
  /** True for Rosetta ("(Translated)"), false for "(Native)", absent when the text says neither. */
  translated?: boolean;
}

export function parseCodeType(raw: string): CodeType {
  let s = raw.trim();
  const out: CodeType = {};
  const suffix = /\((Native|Translated)\)\s*$/i.exec(s);
  if (suffix) {
    out.translated = (suffix[1] ?? '').toLowerCase() === 'translated';
    s = s.slice(0, suffix.index).trim();
  }
  if (/^ppc/i.test(s)) s = s.toLowerCase().replace(/[\s-]/g, '');
  const arch = normalizeArch(s);
  if (arch) out.arch = arch;
  return out;
}
