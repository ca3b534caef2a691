// L08: CFBundleIdentifierKernel names the kext that provides IOClass; when absent the kernel substitutes
// the personality's CFBundleIdentifier and never loads the family kext (A03).
import { findingFor, type Rule } from '../context.js';
import { familyById, familyOfIoClass, KPI_IOKIT } from '../families.js';
import { isUnresolved, stringAt } from '../plist-values.js';
import type { Finding } from '../types.js';

export const l08KernelBundle: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const p of ctx.personalities) {
    const f = findingFor(ctx.infoPath, p.name);
    const ioClass = stringAt(p.dict, 'IOClass');
    const kb = stringAt(p.dict, 'CFBundleIdentifierKernel');
    const fam =
      ctx.familyOf(p).family ??
      (ioClass ? familyOfIoClass(ioClass) : undefined) ??
      (ioClass === 'IOUserService' ? familyById('virtual') : undefined);
    if (!fam || fam.kernelBundle === null) continue;
    if (kb !== undefined && (isUnresolved(kb) || fam.kernelBundle.includes(kb))) continue;
    if (kb === undefined && fam.kernelBundleOptional) continue;
    const severity = fam.familyKernelClass ? 'error' : 'warning';
    const want = fam.kernelBundle[0]!;
    const cls = fam.ioClass?.[0] ?? ioClass ?? 'IOClass';
    const consequence = fam.familyKernelClass
      ? `the kernel never requests ${want}, so ${cls} cannot be allocated ("Couldn't alloc class") unless something else happened to load the family, and the dext never gets a working Start.`
      : `the kernel looks up ${cls} in the wrong bundle; matching works only while ${KPI_IOKIT} resolves it anyway.`;
    if (kb === undefined) {
      out.push(f('L08', severity, 'CFBundleIdentifierKernel',
        `CFBundleIdentifierKernel is missing; the kernel will default it to CFBundleIdentifier and will not load ${want}.`, want, consequence));
    } else {
      out.push(f('L08', severity, 'CFBundleIdentifierKernel',
        `CFBundleIdentifierKernel is "${kb}"; ${cls} (${fam.name}) is provided by ${want}.`, fam.kernelBundle.join(' or '), consequence));
    }
  }
  return out;
};
