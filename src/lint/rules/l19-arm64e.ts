// L19: a dext for Apple silicon must contain an arm64e slice, or launch fails with "Exec format error" (A19).
import { readMachO } from '../../symbolicate/macho/index.js';
import { findingFor, type Rule } from '../context.js';

const CONSEQUENCE = 'on Apple silicon the dext launch fails with "Exec format error" and the kernel times out waiting for the server.';

export const l19Arm64e: Rule = (ctx) => {
  const bundle = ctx.input.bundle;
  if (!bundle) return []; // Source folders have no binary to read.
  const exe = bundle.executable;
  if (!exe) {
    return [findingFor(ctx.infoPath, null)('L19', 'info', 'CFBundleExecutable', 'The bundle has no executable to read, so its architectures could not be checked.', 'a Mach-O with an arm64e slice', CONSEQUENCE)];
  }
  const f = findingFor(exe.path, null);
  const read = readMachO(exe.bytes, exe.path);
  if (!read.ok) return [f('L19', 'warning', 'CFBundleExecutable', `The executable could not be read as Mach-O: ${read.error.reason}.`, 'a Mach-O with an arm64e slice', CONSEQUENCE)];
  const archs = read.images.map((i) => i.arch);
  if (archs.includes('arm64e')) return [];
  return [f('L19', 'warning', 'ARCHS', `The executable contains ${archs.join(', ')} but no arm64e slice.`, 'add arm64e to ARCHS', CONSEQUENCE)];
};
