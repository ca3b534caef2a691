// L16: HID event services use IOClass AppleUserHIDEventService on IOHIDInterface; HID devices use AppleUserHIDDevice.
import { findingFor, type Rule } from '../context.js';
import { stringAt } from '../plist-values.js';
import type { Finding } from '../types.js';
import { lineage } from './family-words.js';

export const l16HidClasses: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const p of ctx.personalities) {
    const r = ctx.familyOf(p);
    const fam = r.family;
    if (fam?.id !== 'hid-event' && fam?.id !== 'hid-device') continue;
    const f = findingFor(ctx.infoPath, p.name);
    const want = fam.ioClass![0]!;
    const ioClass = stringAt(p.dict, 'IOClass');
    if (ioClass !== want) {
      out.push(f('L16', 'error', 'IOClass', `IOClass is ${ioClass === undefined ? 'missing' : `"${ioClass}"`}; ${lineage(stringAt(p.dict, 'IOUserClass'), r)}, which needs IOClass "${want}".`, want,
        'the HID system never routes reports or events through the dext, so the device stays silent.'));
    }
    const provider = stringAt(p.dict, 'IOProviderClass');
    if (fam.id === 'hid-event' && provider !== undefined && provider !== 'IOHIDInterface') {
      out.push(f('L16', 'error', 'IOProviderClass', `IOProviderClass is "${provider}"; a HID event service matches an IOHIDInterface.`, 'IOHIDInterface',
        'the event service never attaches to the HID interface, so no events are dispatched.'));
    }
  }
  return out;
};
