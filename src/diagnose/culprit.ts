/**
 * The component to blame where the log shows one: a third-party kext in the panic backtrace,
 * the dext process, or the app image of the top non-system frame.
 */
import type { Culprit } from '../model/diagnosis.js';
import { crashedThreadOf, type BinaryImage, type Report } from '../model/report.js';
import { dextBundleIdsOf } from './subjects.js';

const APPLE_ID = /^com\.apple\./;
const SYSTEM_PATH = /^(\/System\/|\/usr\/lib\/|\/usr\/libexec\/|\/Library\/Apple\/|\/private\/preboot\/Cryptexes\/|\/System\/Volumes\/Preboot\/Cryptexes\/|\/usr\/bin\/|\/usr\/sbin\/|\/sbin\/|\/bin\/)/;
/** Images that are the OS even when a report gives no path: dyld, libSystem parts, the ObjC and Swift runtimes. */
const SYSTEM_NAME = /^(dyld|libsystem_\w+\.dylib|libdyld\.dylib|libobjc\.A\.dylib|libdispatch\.dylib|libc\+\+(abi)?\.(1\.)?dylib|libswift\w*\.dylib|libxpc\.dylib|kernel|DriverKit|com\.apple\.\S+|CoreFoundation|Foundation|AppKit|UIKitCore|SwiftUI|CFNetwork|Security|IOKit|CoreData|QuartzCore|libsqlite3\.dylib|GraphicsServices|FrontBoardServices|UIKit|libc\.dylib|libSystem\.B\.dylib)$/;

export function isSystemImage(name: string | undefined, image?: BinaryImage): boolean {
  if (image?.apple === true) return true;
  if (image?.apple === false) return false;
  if (image?.bundleId && APPLE_ID.test(image.bundleId)) return true;
  if (image?.path) return SYSTEM_PATH.test(image.path);
  return name !== undefined && SYSTEM_NAME.test(name);
}

export function culpritOf(r: Report): Culprit | undefined {
  if (r.kind === 'panic') {
    const k = r.panic?.kexts.find((x) => !APPLE_ID.test(x.bundleId));
    if (k) return { kind: 'kext', name: k.bundleId, bundleId: k.bundleId, ...(k.version ? { version: k.version } : {}), ...(k.uuid ? { uuid: k.uuid } : {}) };
    const d = r.panic?.dexts?.find((x) => !APPLE_ID.test(x.bundleId));
    if (d) return { kind: 'dext', name: d.bundleId, bundleId: d.bundleId };
    return undefined;
  }
  const dexts = dextBundleIdsOf(r);
  if (dexts.length > 0) {
    const id = dexts[0] as string;
    return {
      kind: 'dext',
      name: r.process.name ?? id,
      bundleId: id,
      ...(r.process.version ? { version: r.process.version } : {}),
    };
  }
  if (r.kind === 'crash') return appImageCulprit(r);
  if (r.kind === 'jetsam') {
    const killed = r.jetsam?.killed?.[0];
    if (killed?.name) return { kind: 'process', name: killed.name, ...(killed.uuid ? { uuid: killed.uuid } : {}) };
  }
  return undefined;
}

/** The first frame of the crashed thread in an image that is not the OS. */
function appImageCulprit(r: Report): Culprit | undefined {
  const thread = crashedThreadOf(r);
  for (const f of thread?.frames ?? []) {
    if (!f.image) continue;
    const image = r.images.find((im) => im.name === f.image);
    if (isSystemImage(f.image, image)) continue;
    return {
      kind: 'app-image',
      name: f.image,
      ...(image?.bundleId ? { bundleId: image.bundleId } : {}),
      ...(image?.version ? { version: image.version } : {}),
      ...(image?.uuid ? { uuid: image.uuid } : {}),
    };
  }
  return undefined;
}
