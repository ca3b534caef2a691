/** Printing specialisations: `generic specialization <…> of`, `function signature specialization <…> of` (§11.3-4). */
import type { Node } from './node.js';
import type { Printer } from './printer.js';
import { SPEC_KIND } from './parse-thunks.js';

const DESCRIPTIONS: Record<string, [string, string]> = {
  FunctionSignatureSpecialization: ['function signature specialization', ''],
  GenericPartialSpecialization: ['generic partial specialization', 'Signature = '],
  GenericPartialSpecializationNotReAbstracted: ['generic not-reabstracted partial specialization', 'Signature = '],
  GenericSpecialization: ['generic specialization', ''],
  GenericSpecializationInResilienceDomain: ['generic specialization', ''],
  GenericSpecializationPrespecialized: ['generic pre-specialization', ''],
  GenericSpecializationNotReAbstracted: ['generic not re-abstracted specialization', ''],
  InlinedGenericFunction: ['inlined generic function', ''],
};

export const SPECIALIZATIONS: ReadonlySet<string> = new Set(Object.keys(DESCRIPTIONS));

export function printSpecializationPrefix(p: Printer, n: Node, depth: number): void {
  if (!p.opts.displayGenericSpecializations) {
    if (!p.specializationPrefixPrinted) {
      p.w('specialized ');
      p.specializationPrefixPrinted = true;
    }
    return;
  }
  const [description, paramPrefix] = DESCRIPTIONS[n.kind] ?? ['specialization', ''];
  p.w(`${description} <`);
  let sep = '';
  let argNum = 0;
  for (const c of n.children) {
    if (c.kind === 'SpecializationPassID' || c.kind === 'DroppedArgument') continue;
    if (c.kind === 'IsSerialized') {
      p.w(sep);
      sep = ', ';
      p.print(c, depth + 1);
      continue;
    }
    if (c.count > 0) {
      p.w(sep);
      p.w(paramPrefix);
      sep = ', ';
      if (c.kind === 'FunctionSignatureSpecializationParam') {
        p.w(`Arg[${argNum}] = `);
        printSpecParams(p, c, depth);
      } else if (c.kind === 'FunctionSignatureSpecializationReturn') {
        p.w('Return = ');
        printSpecParams(p, c, depth);
      } else {
        p.print(c, depth + 1);
      }
    }
    argNum++;
  }
  p.w('> of ');
}

function printSpecParams(p: Printer, n: Node, depth: number): void {
  let i = 0;
  const next = (): void => {
    p.print(n.child(i++), depth + 1);
  };
  while (i < n.count) {
    const kind = n.child(i).indexOf();
    // A payload kind without its payload (possible for return values) prints nothing, like the reference.
    const needs: Record<number, number> = { [SPEC_KIND.ConstantPropFunction]: 2, [SPEC_KIND.ConstantPropGlobal]: 2,
      [SPEC_KIND.ConstantPropInteger]: 2, [SPEC_KIND.ConstantPropFloat]: 2, [SPEC_KIND.ConstantPropString]: 3,
      [SPEC_KIND.ConstantPropKeyPath]: 4, [SPEC_KIND.ClosureProp]: 2 };
    if (i + (needs[kind] ?? 1) > n.count) return;
    switch (kind) {
      case SPEC_KIND.BoxToValue: case SPEC_KIND.BoxToStack: case SPEC_KIND.InOutToOut:
        next();
        break;
      case SPEC_KIND.ConstantPropFunction: case SPEC_KIND.ConstantPropGlobal:
        p.w('['); next(); p.w(' : '); next(); p.w(']');
        break;
      case SPEC_KIND.ConstantPropInteger: case SPEC_KIND.ConstantPropFloat:
        p.w('['); next(); p.w(' : '); p.w(n.child(i++).textOf()); p.w(']');
        break;
      case SPEC_KIND.ConstantPropString:
        p.w('['); next(); p.w(' : '); p.w(n.child(i++).textOf()); p.w("'"); p.w(n.child(i++).textOf()); p.w("']");
        break;
      case SPEC_KIND.ConstantPropKeyPath:
        p.w('['); next(); p.w(' : '); p.w(n.child(i++).textOf()); p.w('<'); next(); p.w(','); next(); p.w('>]');
        break;
      case SPEC_KIND.ClosureProp:
        p.w('['); next(); p.w(' : '); next(); p.w(', Argument Types : [');
        while (i < n.count) {
          const c = n.child(i);
          if (c.kind !== 'Type') break;
          p.print(c, depth + 1);
          i++;
          if (i < n.count && n.child(i).text !== undefined) p.w(', ');
        }
        p.w(']');
        break;
      default:
        next();
    }
  }
}

export function printSpecParamKind(p: Printer, n: Node): void {
  const raw = n.indexOf();
  const parts: string[] = [];
  if (raw & SPEC_KIND.ExistentialToGeneric) parts.push('Existential To Protocol Constrained Generic');
  if (raw & SPEC_KIND.Dead) parts.push('Dead');
  if (raw & SPEC_KIND.OwnedToGuaranteed) parts.push('Owned To Guaranteed');
  if (raw & SPEC_KIND.GuaranteedToOwned) parts.push('Guaranteed To Owned');
  if (raw & SPEC_KIND.SROA) parts.push('Exploded');
  if (parts.length > 0) {
    p.w(parts.join(' and '));
    return;
  }
  const names: Record<number, string> = {
    [SPEC_KIND.BoxToValue]: 'Value Promoted from Box', [SPEC_KIND.BoxToStack]: 'Stack Promoted from Box',
    [SPEC_KIND.InOutToOut]: 'InOut Converted to Out', [SPEC_KIND.ConstantPropFunction]: 'Constant Propagated Function',
    [SPEC_KIND.ConstantPropGlobal]: 'Constant Propagated Global',
    [SPEC_KIND.ConstantPropInteger]: 'Constant Propagated Integer',
    [SPEC_KIND.ConstantPropFloat]: 'Constant Propagated Float', [SPEC_KIND.ConstantPropString]: 'Constant Propagated String',
    [SPEC_KIND.ConstantPropKeyPath]: 'Constant Propagated KeyPath', [SPEC_KIND.ClosureProp]: 'Closure Propagated',
  };
  p.w(names[raw] ?? '');
}
