/** Printing SIL implementation function types (`@escaping @callee_guaranteed (…) -> (…)`, §10). */
import type { Node } from './node.js';
import type { Printer } from './printer.js';

export const IMPL_KINDS: ReadonlySet<string> = new Set(['ImplEscaping', 'ImplErasedIsolation', 'ImplConvention',
  'ImplFunctionAttribute', 'ImplFunctionConvention', 'ImplCoroutineKind', 'ImplSendingResult',
  'ImplDifferentiabilityKind', 'ImplParameter', 'ImplResult', 'ImplYield', 'ImplErrorResult',
  'ImplParameterResultDifferentiability', 'ImplParameterSending', 'ImplParameterIsolated',
  'ImplParameterImplicitLeading']);

export function printImplNode(p: Printer, n: Node, depth: number): void {
  switch (n.kind) {
    case 'ImplEscaping': p.w('@escaping'); return;
    case 'ImplErasedIsolation': p.w('@isolated(any)'); return;
    case 'ImplSendingResult': p.w('sending'); return;
    case 'ImplDifferentiabilityKind': {
      const k = n.textOf();
      p.w(k === 'f' ? '@differentiable(_forward)' : k === 'r' ? '@differentiable(reverse)'
        : k === 'l' ? '@differentiable(_linear)' : '@differentiable');
      return;
    }
    case 'ImplFunctionConvention': {
      p.w(`@convention(${n.first.textOf()}`);
      if (n.count > 1) p.w(`, mangledCType: "${n.child(1).textOf()}"`);
      p.w(')');
      return;
    }
    case 'ImplErrorResult': p.w('@error '); p.printChildren(n, depth, ' '); return;
    case 'ImplYield': p.w('@yields '); p.printChildren(n, depth, ' '); return;
    case 'ImplParameter': case 'ImplResult': {
      // `isolated` and `sil_implicit_leading_param` are not printed by the reference printer.
      const shown = n.children.filter((c) => c.kind !== 'ImplParameterIsolated' && c.kind !== 'ImplParameterImplicitLeading');
      shown.forEach((c, i) => {
        if (i > 0) p.w(' ');
        p.print(c, depth + 1);
      });
      return;
    }
    default: p.w(n.textOf());
  }
}

export function printImplFunctionType(p: Printer, fn: Node, depth: number): void {
  let patternSubs: Node | null = null;
  let invocationSubs: Node | null = null;
  let sendingResult: Node | null = null;
  let state = 0 as number; // 0 attributes, 1 inputs, 2 results
  const transitionTo = (next: 1 | 2): void => {
    while (state < next) {
      if (state === 0) {
        if (patternSubs) {
          p.w('@substituted ');
          p.print(patternSubs.first, depth + 1);
          p.w(' ');
        }
        p.w('(');
      } else {
        p.w(') -> ');
        if (sendingResult) {
          p.print(sendingResult, depth + 1);
          p.w(' ');
        }
        p.w('(');
      }
      state++;
    }
  };
  for (const c of fn.children) {
    if (c.kind === 'ImplParameter') {
      if (state === 1) p.w(', ');
      transitionTo(1);
      p.print(c, depth + 1);
    } else if (c.kind === 'ImplResult' || c.kind === 'ImplYield' || c.kind === 'ImplErrorResult') {
      if (state === 2) p.w(', ');
      transitionTo(2);
      p.print(c, depth + 1);
    } else if (c.kind === 'ImplPatternSubstitutions') {
      patternSubs = c;
    } else if (c.kind === 'ImplInvocationSubstitutions') {
      invocationSubs = c;
    } else if (c.kind === 'ImplSendingResult') {
      sendingResult = c;
    } else {
      p.print(c, depth + 1);
      p.w(' ');
    }
  }
  transitionTo(2);
  p.w(')');
  if (patternSubs) {
    p.w(' for <');
    p.printChildren(patternSubs.child(1), depth, ', ');
    p.w('>');
  }
  if (invocationSubs) {
    p.w(' for <');
    p.printChildren(invocationSubs.first, depth, ', ');
    p.w('>');
  }
}
