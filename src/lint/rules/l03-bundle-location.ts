// L03: a built dext is named <CFBundleIdentifier>.dext and lives in App.app/Contents/Library/SystemExtensions/.
import { findingFor, type Rule } from '../context.js';
import { isUnresolved } from '../plist-values.js';

const PLACE = ['Contents', 'Library', 'SystemExtensions'];

export const l03BundleLocation: Rule = (ctx) => {
  const bundle = ctx.input.bundle;
  if (!bundle) return []; // A source folder has no built bundle to check.
  const f = findingFor(ctx.infoPath, null);
  const out = [];
  const id = ctx.bundleId;
  if (id && !isUnresolved(id) && bundle.dirName !== `${id}.dext`) {
    out.push(f('L03', 'error', 'bundle directory name', `The bundle directory is "${bundle.dirName}" but CFBundleIdentifier is "${id}".`, `${id}.dext`,
      'activation cannot find the extension (OSSystemExtensionErrorDomain code 4: extension not found).'));
  }
  const p = bundle.parents;
  const inApp = p.length >= 4 && /\.app$/.test(p[p.length - 4] ?? '') && PLACE.every((name, i) => p[p.length - 3 + i] === name);
  if (!inApp) {
    // A standalone build product is normal before embedding, so this half of the rule is a warning.
    out.push(f('L03', 'warning', 'bundle location', `${bundle.dirName} is not inside an app's Contents/Library/SystemExtensions/ directory.`,
      `App.app/Contents/Library/SystemExtensions/${id && !isUnresolved(id) ? `${id}.dext` : bundle.dirName}`,
      'OSSystemExtensionRequest only activates extensions embedded in the calling app at that path.'));
  }
  return out;
};
