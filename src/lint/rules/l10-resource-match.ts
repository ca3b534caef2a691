// L10: Apple's samples put IOResourceMatch=IOKit on IOUserResources and PCI personalities, so they
// match only once IOKit is up.
import { findingFor, type Rule } from '../context.js';
import { describe, stringAt } from '../plist-values.js';

export const l10ResourceMatch: Rule = (ctx) =>
  ctx.personalities.flatMap((p) => {
    const provider = stringAt(p.dict, 'IOProviderClass');
    if (provider !== 'IOUserResources' && provider !== 'IOPCIDevice') return [];
    const value = p.dict['IOResourceMatch'];
    if (value === 'IOKit') return [];
    return [
      findingFor(ctx.infoPath, p.name)('L10', 'info', 'IOResourceMatch', `IOResourceMatch is ${describe(value)} on an ${provider} personality.`, 'IOKit',
        'the personality may be considered before IOKit publishes its resources, unlike Apple\'s own dexts.'),
    ];
  });
