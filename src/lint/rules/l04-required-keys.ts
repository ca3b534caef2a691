// L04: every personality names its bundle, provider and kernel class (D2).
import { findingFor, type Rule } from '../context.js';
import { isUnresolved } from '../plist-values.js';
import type { Finding } from '../types.js';

const REQUIRED: Record<string, string> = {
  CFBundleIdentifier: 'the kernel cannot tie the personality to the dext bundle, so it never launches the dext.',
  IOProviderClass: 'the personality has nothing to match against and is ignored by IOKit matching.',
  IOClass: 'the kernel has no class to instantiate for the match, so the dext is never started.',
};

export const l04RequiredKeys: Rule = (ctx) => {
  const out: Finding[] = [];
  if (ctx.personalities.length === 0) {
    const f = findingFor(ctx.infoPath, null);
    out.push(f('L04', 'error', 'IOKitPersonalities', 'The Info.plist has no IOKitPersonalities dictionary entries.', 'one personality per service the dext provides',
      'nothing ever matches, so the dext is never launched.'));
  }
  for (const p of ctx.personalities) {
    const f = findingFor(ctx.infoPath, p.name);
    for (const [key, consequence] of Object.entries(REQUIRED)) {
      const v = p.dict[key];
      if (typeof v === 'string' && v.trim() !== '') continue;
      out.push(f('L04', 'error', key, v === undefined ? `${key} is missing.` : `${key} is not a non-empty string.`, null, consequence));
    }
    // A personality copied from another project, or left behind by a rename, names a bundle that is not this one.
    const own = p.dict['CFBundleIdentifier'];
    const id = ctx.bundleId;
    if (typeof own === 'string' && own.trim() !== '' && id && !isUnresolved(id) && !isUnresolved(own) && own !== id) {
      out.push(f('L04', 'warning', 'CFBundleIdentifier', `The personality's CFBundleIdentifier "${own}" is not the bundle's "${id}".`, id,
        `the kernel looks for the personality's class in ${own}, not in this dext, so the dext is never launched for it.`));
    }
  }
  return out;
};
