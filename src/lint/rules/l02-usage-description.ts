// L02: OSBundleUsageDescription is mandatory for DriverKit extensions (D12); a missing one fails activation.
import { findingFor, type Rule } from '../context.js';
import { describe } from '../plist-values.js';

const CONSEQUENCE = 'system extension activation fails validation with OSSystemExtensionErrorDomain code 9.';

export const l02UsageDescription: Rule = (ctx) => {
  const f = findingFor(ctx.infoPath, null);
  const value = ctx.info['OSBundleUsageDescription'];
  if (value === undefined) {
    return [f('L02', 'error', 'OSBundleUsageDescription', 'OSBundleUsageDescription is missing.', 'a sentence telling the user what the driver is for', CONSEQUENCE)];
  }
  if (typeof value !== 'string') {
    return [f('L02', 'error', 'OSBundleUsageDescription', `OSBundleUsageDescription is ${describe(value)}, not a string.`, 'a sentence telling the user what the driver is for', CONSEQUENCE)];
  }
  if (value.trim() === '') {
    // Apple's own samples ship "", so this is only a warning.
    return [f('L02', 'warning', 'OSBundleUsageDescription', 'OSBundleUsageDescription is empty.', 'a sentence telling the user what the driver is for',
      'the user is shown no reason when asked to allow the extension, and validation may reject it (code 9).')];
  }
  return [];
};
