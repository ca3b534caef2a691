// L01: a dext's Info.plist declares CFBundlePackageType DEXT (SIGNATURES.md §2.1).
import { findingFor, type Rule } from '../context.js';
import { describe, isUnresolved, stringAt } from '../plist-values.js';

export const l01PackageType: Rule = (ctx) => {
  const f = findingFor(ctx.infoPath, null);
  const value = stringAt(ctx.info, 'CFBundlePackageType');
  if (value === 'DEXT') return [];
  if (value !== undefined && isUnresolved(value)) {
    return [f('L01', 'info', 'CFBundlePackageType', `CFBundlePackageType is the build setting ${value}; it could not be checked here.`, 'DEXT',
      'if the build setting does not resolve to DEXT, the system does not treat the bundle as a driver extension.')];
  }
  return [f('L01', 'error', 'CFBundlePackageType', `CFBundlePackageType is ${describe(ctx.info['CFBundlePackageType'])}, not "DEXT".`, 'DEXT',
    'the system does not treat the bundle as a driver extension, so activation and matching never consider it.')];
};
