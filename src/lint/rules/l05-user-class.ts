// L05: every dext personality names its IOUserClass, and that class is declared in the target's .iig files.
import { findingFor, type Rule } from '../context.js';
import type { Finding } from '../types.js';

export const l05UserClass: Rule = (ctx) => {
  const out: Finding[] = [];
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
      out.push(f('L05', 'info', 'IOUserClass', `No .iig files were given, so it could not be checked that "${cls}" is declared in the dext target, nor which family it belongs to.`, null,
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
