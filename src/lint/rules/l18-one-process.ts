// L18: IOUserServerOneProcess puts every personality into one process, so they must agree on its name.
import { findingFor, type Rule } from '../context.js';
import { isTrue, stringAt } from '../plist-values.js';

export const l18OneProcess: Rule = (ctx) => {
  if (!ctx.personalities.some((p) => isTrue(p.dict['IOUserServerOneProcess']))) return [];
  const names = new Map<string, string[]>();
  for (const p of ctx.personalities) {
    const n = stringAt(p.dict, 'IOUserServerName');
    if (n !== undefined) names.set(n, [...(names.get(n) ?? []), p.name]);
  }
  if (names.size <= 1) return [];
  const [first] = [...names.entries()].sort((a, b) => b[1].length - a[1].length);
  return ctx.personalities
    .filter((p) => first && stringAt(p.dict, 'IOUserServerName') !== first[0] && stringAt(p.dict, 'IOUserServerName') !== undefined)
    .map((p) =>
      findingFor(ctx.infoPath, p.name)('L18', 'info', 'IOUserServerName',
        `IOUserServerOneProcess is set but this personality names server "${stringAt(p.dict, 'IOUserServerName')}" while others name "${first![0]}".`,
        first![0], 'the personalities are launched as separate processes instead of sharing one, and shared state between them is not shared.'),
    );
};
