// L05: every dext personality names its IOUserClass, and that class is declared in the target's .iig files.
// It also says which project sources were used for a built dext, and where its build and sources disagree.
import { findingFor, type LintContext, type Rule } from '../context.js';
import { FOLDER_GIVEN, type Finding, type SourcesUsed } from '../types.js';

const list = (xs: string[]): string => (xs.length > 3 ? `${xs.slice(0, 3).join(', ')} and ${xs.length - 3} more` : xs.join(', '));

/** Where sources were looked for, for messages that say nothing was found. */
function searched(s: SourcesUsed | undefined): string {
  if (!s) return '';
  if (!s.root) return ` (${s.why})`;
  return s.why === FOLDER_GIVEN ? ` in ${s.root}` : ` in ${s.root}, the project folder since ${s.why}`;
}

/** Paths under the project root are shown from it, so the message stays readable. */
function inRoot(s: SourcesUsed): (path: string) => string {
  const root = s.root && s.root !== '.' ? s.root.replace(/[\\/]$/, '') : undefined;
  return (p) => (root && (p.startsWith(`${root}/`) || p.startsWith(`${root}\\`)) ? p.slice(root.length + 1) : p);
}

function sourcesFindings(ctx: LintContext): Finding[] {
  const s = ctx.input.sources;
  if (!s) return [];
  const rel = inRoot(s);
  const f = findingFor(ctx.infoPath, null);
  const out: Finding[] = [];
  if (s.iig.length > 0 || s.entitlements) {
    const from = [
      s.iig.length ? `.iig ${list(s.iig.map(rel))}` : '',
      s.entitlements ? `entitlements ${rel(s.entitlements)}` : '',
    ].filter(Boolean).join('; ');
    const paired = s.infoPlist ? `, the target of ${rel(s.infoPlist)} (matched by ${s.pairedBy})` : '';
    const where = s.root ? ` of the project ${s.root}${paired}` : '';
    out.push(f('L05', 'info', 'sources', `Checked against the sources${where}: ${from}.`, null,
      'the family, IOClass and CFBundleIdentifierKernel expected here come from those sources, so a class declared elsewhere would change them.'));
  }
  if (s.copies?.length) {
    out.push(f('L05', 'info', 'copies', `Identical built copies were not linted again: ${list(s.copies)}.`, null,
      'a finding here holds for every copy, since they share one Info.plist.'));
  }
  for (const d of s.differences ?? []) {
    out.push(findingFor(ctx.infoPath, d.personality)('L05', 'warning', d.key,
      `The built ${d.key} is ${d.built} but the source ${s.infoPlist ?? 'Info.plist'} says ${d.source}; this build predates the sources.`, 'rebuild the dext',
      'the dext that runs is the built one, so a fix made in the sources takes effect only after the next build and install.'));
  }
  return out;
}

export const l05UserClass: Rule = (ctx) => {
  const out: Finding[] = sourcesFindings(ctx);
  const declared = [...ctx.classes.keys()];
  for (const p of ctx.personalities) {
    const f = findingFor(ctx.infoPath, p.name);
    const cls = p.dict['IOUserClass'];
    if (typeof cls !== 'string' || cls.trim() === '') {
      out.push(f('L05', 'error', 'IOUserClass', 'IOUserClass is missing.', declared.length === 1 ? declared[0]! : 'the name of your .iig class',
        'the kernel logs "DK: no IOUserClass defined" and the dext never runs its Start.'));
      continue;
    }
    if (!ctx.hasIig) {
      out.push(f('L05', 'info', 'IOUserClass', `No .iig files were found${searched(ctx.input.sources)}, so it could not be checked that "${cls}" is declared in the dext target, nor which family it belongs to.`, null,
        'if the class is not compiled into the dext, the kernel logs "no user class found" and the service never starts.'));
      continue;
    }
    if (!ctx.classes.has(cls)) {
      const near = declared.find((d) => d.toLowerCase() === cls.toLowerCase() || d.endsWith(cls) || cls.endsWith(d));
      out.push(f('L05', 'error', 'IOUserClass', `IOUserClass "${cls}" is not declared in any .iig file of the project${declared.length ? ` (declared: ${declared.join(', ')})` : ''}.`,
        near ?? (declared.length === 1 ? declared[0]! : null),
        'the kernel logs "DK: … no user class found" and the service never starts.'));
    }
  }
  return out;
};
