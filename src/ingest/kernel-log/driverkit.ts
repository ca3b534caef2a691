/**
 * Recognise DriverKit lines in a kernel-log message (FORMATS §7.2-§7.5): `DK: …` lines, IOPCIFamily
 * `ClientCrashed_Impl` recovery lines, `Driver <bundle> has crashed N time(s)` / `… too many times`,
 * `_MemoryAccess: device not open`, and (from the sender) output of a dext itself.
 * Matches the stable middle of each message, since function-name prefixes differ between builds.
 */
import type { DriverKitEvent } from '../../model/report.js';
import { activationErrorIn, serverExitIn, startFailedIn, sysextListRow } from './driver-day.js';

const OBJECT = /(?:^|[\s(:])([A-Za-z_]\w*)-0x([0-9a-fA-F]+)/;
const SERVER = /IOUserServer\(([^()\s]+?)-0x([0-9a-fA-F]+)\)/;
const WAITING = /waiting for server ([^\s]+?)-(?:0x)?([0-9a-fA-F]+)\b/;
const CLIENT_CRASHED = /IOPCIDevice::ClientCrashed_Impl\(\) for client ([^\s,]+)(\s+done)?/;
const NO_SESSION = /PCIDriverKit client ([^\s,]+) does not have open session with device (.+?),? skipping recovery/;
const RECOVERING = /PCIDriverKit client, ([^\s,]+), crashed for device (.+?),? attempting to recover/;
const CRASH_COUNT = /\bDriver (\S+?) has crashed (\d+) time\(s\)/;
const TOO_MANY = /\bDriver (\S+?) has crashed too many times/;
const KEXT_LINE = /\bOSKext\b|\bkext\b|\.kext\b|\bkextload\b|\bkextutil\b/i;
const NOT_OPEN = /_MemoryAccess: device not open for client ([^\s,]+)/;

/** Strip a trailing ".dext" from a bundle name. */
export function bundleOf(name: string): string {
  return name.endsWith('.dext') ? name.slice(0, -5) : name;
}

/** The DriverKit meaning of a message (with its sender, when known), or undefined. */
export function recogniseDriverKit(message: string, sender?: string): DriverKitEvent | undefined {
  if (message.startsWith('DK: ')) return readDk(message.slice(4));
  if (message.includes('ClientCrashed_Impl') || message.includes('PCIDriverKit client')) {
    let m = NO_SESSION.exec(message);
    if (m) return { kind: 'client-crashed', className: m[1] as string, noOpenSession: true, device: m[2] as string };
    m = RECOVERING.exec(message);
    if (m) return { kind: 'client-crashed', className: m[1] as string, phase: 'recovering', device: m[2] as string };
    m = CLIENT_CRASHED.exec(message);
    if (m) return { kind: 'client-crashed', className: m[1] as string, phase: m[2] ? 'done' : 'start' };
  }
  if (message.includes('has crashed')) {
    const c = CRASH_COUNT.exec(message);
    if (c) return { kind: 'crash-count', bundleId: bundleOf(c[1] as string), count: Number(c[2]) };
    const t = TOO_MANY.exec(message);
    if (t) return { kind: 'crashed-too-many-times', bundleId: bundleOf(t[1] as string) };
  }
  const n = message.includes('_MemoryAccess') ? NOT_OPEN.exec(message) : null;
  if (n) return { kind: 'pci-not-open', className: n[1] as string };
  return recogniseToolLine(message, sender) ?? (sender?.endsWith('.dext') ? { kind: 'dext-output', bundleId: bundleOf(sender) } : undefined);
}

/** Start failures, server exits, activation errors and `systemextensionsctl` rows. */
function recogniseToolLine(message: string, sender: string | undefined): DriverKitEvent | undefined {
  // A kext's own start failure or load error is not DriverKit: it stays a plain event (its codes still decode).
  if (!sender?.endsWith('.dext') && KEXT_LINE.test(message.slice(0, 600)) && !/\.dext\b|IOUserServer\(/.test(message.slice(0, 600))) return undefined;
  const exit = serverExitIn(message);
  if (exit) return { kind: 'server-exit', ...exit };
  const start = startFailedIn(message);
  if (start) return { kind: 'start-failed', ...(sender?.endsWith('.dext') ? { dext: bundleOf(sender) } : {}), ...start };
  const activation = activationErrorIn(message);
  if (activation) return { kind: 'activation-error', ...activation };
  const row = sysextListRow(message);
  return row ? { kind: 'sysext-state', ...row } : undefined;
}

function readDk(text: string): DriverKitEvent {
  const ev: Extract<DriverKitEvent, { kind: 'dk' }> = { kind: 'dk', text };
  const server = SERVER.exec(text) ?? WAITING.exec(text);
  if (server) {
    ev.server = server[1] as string;
    ev.registryId = `0x${server[2] as string}`;
  }
  // The object the line is about: the first "<Class>-0x<id>" outside the server name.
  const rest = server && SERVER.test(text) ? text.replace(SERVER, '') : text;
  const obj = OBJECT.exec(rest);
  if (obj) {
    ev.className = obj[1] as string;
    ev.registryId = `0x${obj[2] as string}`;
  }
  return ev;
}
