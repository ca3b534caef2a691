// L09: dexts never match IOResources (startCandidate refuses them there); IOUserResources is the dext form (A04).
import { findingFor, type Rule } from '../context.js';
import { stringAt } from '../plist-values.js';

export const l09IoResources: Rule = (ctx) =>
  ctx.personalities
    .filter((p) => stringAt(p.dict, 'IOProviderClass') === 'IOResources')
    .map((p) =>
      findingFor(ctx.infoPath, p.name)('L09', 'error', 'IOProviderClass', 'IOProviderClass is "IOResources", which the kernel refuses for dext personalities.', 'IOUserResources',
        'the personality never attaches and nothing is logged, so the dext never launches.'),
    );
