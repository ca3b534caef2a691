/** SIL implementation function types (`I`, §10), the types of reabstraction thunks. */
import type { Demangler } from './parser.js';
import type { Kind, Node } from './node.js';
import { demangleBoundGenerics } from './parse-types.js';

const CALLEE: Record<string, string> = { y: '@callee_unowned', g: '@callee_guaranteed', x: '@callee_owned', t: '@convention(thin)' };
const PARAM_CONVENTIONS: Record<string, string> = {
  i: '@in', c: '@in_constant', l: '@inout', b: '@inout_aliasable', n: '@in_guaranteed', X: '@in_cxx', x: '@owned',
  g: '@guaranteed', e: '@deallocating', y: '@unowned', v: '@pack_owned', p: '@pack_guaranteed', m: '@pack_inout',
};
const RESULT_CONVENTIONS: Record<string, string> = {
  r: '@out', o: '@owned', d: '@unowned', u: '@unowned_inner_pointer', a: '@autoreleased', k: '@pack_out',
};
const REPRESENTATIONS: Record<string, string> = {
  B: 'block', C: 'c', M: 'method', O: 'objc_method', K: 'closure', W: 'witness_method',
};

function convention(d: Demangler, kind: Kind, table: Record<string, string>): Node | null {
  const attr = table[d.peek()];
  if (attr === undefined || d.peek() === '') return null;
  d.next();
  return d.node(kind).add(d.node('ImplConvention', attr));
}

function substitutions(d: Demangler, kind: Kind, withSig: boolean): Node | null {
  const g = demangleBoundGenerics(d);
  if (!g || g.lists.length !== 1) return null;
  const subs = d.node(kind);
  if (withSig) {
    const sig = d.pop('DependentGenericSignature');
    if (!sig) return null;
    subs.add(sig);
  }
  subs.add(g.lists[0] as Node);
  if (g.retro) subs.add(g.retro);
  return subs;
}

export function demangleImplFunctionType(d: Demangler): Node | null {
  let type = d.node('ImplFunctionType');
  if (d.nextIf('s')) {
    const subs = substitutions(d, 'ImplPatternSubstitutions', true);
    if (!subs) return null;
    type.add(subs);
  }
  if (d.nextIf('I')) {
    const subs = substitutions(d, 'ImplInvocationSubstitutions', false);
    if (!subs) return null;
    type.add(subs);
  }
  let sig = d.pop('DependentGenericSignature');
  if (sig && d.nextIf('P')) {
    const pseudo = d.node('DependentPseudogenericSignature');
    pseudo.children = sig.children;
    sig = pseudo;
  }
  if (d.nextIf('e')) type.add(d.node('ImplEscaping'));
  if (d.nextIf('A')) type.add(d.node('ImplErasedIsolation'));
  const diff = d.peek();
  if (diff !== '' && 'dlfr'.includes(diff)) {
    d.next();
    type.add(d.node('ImplDifferentiabilityKind', diff));
  }
  const callee = CALLEE[d.next()];
  if (callee === undefined) return null;
  type.add(d.node('ImplConvention', callee));

  let repr: string | undefined;
  let clang: Node | null = null;
  const r = d.next();
  if (r === 'z') {
    const k = d.next();
    if (k === 'B' || k === 'C') {
      repr = k === 'B' ? 'block' : 'c';
      const len = d.natural();
      if (len <= 0 || d.pos + len > d.text.length) return null;
      clang = d.node('ClangType', d.text.slice(d.pos, d.pos + len));
      d.pos += len;
    } else {
      d.pushBack();
      d.pushBack();
    }
  } else {
    repr = REPRESENTATIONS[r];
    if (repr === undefined) d.pushBack();
  }
  if (repr !== undefined) {
    const conv = d.node('ImplFunctionConvention').add(d.node('ImplFunctionConventionName', repr));
    if (clang) conv.add(clang);
    type.add(conv);
  }
  if (d.nextIf('A')) type.add(d.node('ImplCoroutineKind', '@yield_once'));
  else if (d.nextIf('I')) type.add(d.node('ImplCoroutineKind', '@yield_once_2'));
  else if (d.nextIf('G')) type.add(d.node('ImplCoroutineKind', '@yield_many'));
  if (d.nextIf('h')) type.add(d.node('ImplFunctionAttribute', '@Sendable'));
  if (d.nextIf('H')) type.add(d.node('ImplFunctionAttribute', '@async'));
  if (d.nextIf('T')) type.add(d.node('ImplSendingResult'));
  if (sig) type.add(sig);

  let numTypes = 0;
  for (let p = convention(d, 'ImplParameter', PARAM_CONVENTIONS); p; p = convention(d, 'ImplParameter', PARAM_CONVENTIONS)) {
    type.add(p);
    if (d.nextIf('w')) p.add(d.node('ImplParameterResultDifferentiability', '@noDerivative'));
    if (d.nextIf('T')) p.add(d.node('ImplParameterSending', 'sending'));
    if (d.nextIf('I')) p.add(d.node('ImplParameterIsolated', 'isolated'));
    if (d.nextIf('L')) p.add(d.node('ImplParameterImplicitLeading', 'sil_implicit_leading_param'));
    numTypes++;
  }
  for (let res = convention(d, 'ImplResult', RESULT_CONVENTIONS); res; res = convention(d, 'ImplResult', RESULT_CONVENTIONS)) {
    type.add(res);
    if (d.nextIf('w')) res.add(d.node('ImplParameterResultDifferentiability', '@noDerivative'));
    numTypes++;
  }
  while (d.nextIf('Y')) {
    const y = convention(d, 'ImplYield', PARAM_CONVENTIONS);
    if (!y) return null;
    type.add(y);
    numTypes++;
  }
  if (d.nextIf('z')) {
    const e = convention(d, 'ImplErrorResult', RESULT_CONVENTIONS);
    if (!e) return null;
    type.add(e);
    numTypes++;
  }
  if (!d.nextIf('_')) return null;
  for (let i = 0; i < numTypes; i++) {
    const ty = d.pop('Type');
    if (!ty) return null;
    type.child(type.count - i - 1).add(ty);
  }
  type = d.node('Type').add(type);
  return type;
}
