/**
 * Lines from a driver developer's day that arrive without any log prefix (issue 9, CODES.md §11):
 * system-extension and kext tooling output (`sysextd`, `kernelmanagerd`, `kmutil`, `kextload`,
 * `systemextensionsctl`), a host app's `Error Domain=OSSystemExtensionErrorDomain Code=N`,
 * `IOUserServer(…)::exit(…)`, a dext's `Start failed: 0x…`, IOKit/libkern return codes in any printed
 * form (hex, signed or unsigned decimal, `mach_error_string` text, `kIOReturn…` names), and the
 * `<Kext> <module>: @ …` lines of Lilu-family kexts. Every pattern is anchored or bounded and runs on a
 * bounded line head, so a hostile line costs linear time.
 */

/** Longest line head the patterns look at. */
const HEAD = 600;

const TOOLS = /(?:^|[\s/])(sysextd|kernelmanagerd|driverkitd|kmutil|kextload|kextutil|kextunload|kextcache|kextstat|systemextensionsctl)(?:\[\d{1,9}\])?(?::|\s|$)/;
const ERROR_DOMAIN = /\bError Domain=(OSSystemExtensionErrorDomain|KMErrorDomain|OSKextErrorDomain|NSOSStatusErrorDomain|NSMachErrorDomain|IOKitErrorDomain)\b/;
const SYSEXT_DOMAIN = /\bOSSystemExtensionErrorDomain\b/;
const SERVER_CALL = /\bIOUserServer\([^()\s]{1,200}\)::\w{1,40}\(/;
const MACH_ERROR_TEXT = /\((os|iokit|libkern|ipc|mach|unix|server|bootstrap)\/[a-z0-9_ -]{1,24}\) [a-zA-Z][\w' -]{0,80}/;
const IORETURN_NAME = /\bk(IOReturn|OSKextReturn|OSReturn)[A-Z]\w{1,40}/;
const SYSEXT_LIST_ROW = /\[(activated|terminated|validating|waiting|uninstalling|staged)[a-z ,]{0,60}\]\s*$/;
const SYSEXT_LIST_HEAD = /^\s*(---\s+com\.apple\.system_extension\.\w+|\d{1,5} extension\(s\)\s*$|enabled\s+active\s+teamID\s+bundleID)/;
const LILU_STYLE = /^\s*[A-Za-z][\w.]{0,40}\s+[\w.-]{1,20}: @ \S/;
const START_FAILED = /\b(Start failed|start\([^()]{0,200}\) fail(?:ed)?\b|::start\([^()]{0,200}\) fail)/i;
/** Hex and decimal tokens that may be a 32-bit IOKit/libkern return code. */
const CODE_TOKEN = /(?<![\w.-])(?:0x)?([0-9a-fA-F]{8})(?![\w-])|(?<![\w.])(-?\d{9,10})(?![\w.])/g;

/** err_system() values of the code families CODES.md §1 and §1.5 tabulate: iokit (0x38) and libkern (0x37). */
const CODE_SYSTEMS = new Set([0x38, 0x37]);

function head(line: string): string {
  return line.length > HEAD ? line.slice(0, HEAD) : line;
}

/** The first IOKit or libkern return code printed in a line, as written ("0xe00002c7", "-536870174"). */
export function iokitCodeIn(line: string): string | undefined {
  const h = head(line);
  const name = IORETURN_NAME.exec(h);
  if (name) return name[0];
  CODE_TOKEN.lastIndex = 0;
  for (let m = CODE_TOKEN.exec(h); m; m = CODE_TOKEN.exec(h)) {
    const value = m[1] !== undefined ? Number.parseInt(m[1], 16) : toUint32(m[2] as string);
    // A bare 8-digit hex word is a code only with its 0x prefix or in upper/lower hex with a letter.
    if (m[1] !== undefined && !m[0].startsWith('0x') && !/[a-fA-F]/.test(m[1])) continue;
    if (value !== undefined && CODE_SYSTEMS.has(value >>> 26)) return m[0];
  }
  const text = MACH_ERROR_TEXT.exec(h);
  return text && (text[1] === 'iokit' || text[1] === 'libkern') ? text[0].trim() : undefined;
}

function toUint32(decimal: string): number | undefined {
  const n = Number(decimal);
  if (!Number.isSafeInteger(n)) return undefined;
  if (n < 0) return n >= -0x80000000 ? n + 0x100000000 : undefined;
  return n <= 0xffffffff ? n : undefined;
}

/** True when a line, with or without a log prefix, is one of the driver-day forms above. */
export function isDriverDayLine(line: string): boolean {
  const h = head(line);
  return (
    TOOLS.test(h) ||
    ERROR_DOMAIN.test(h) ||
    SYSEXT_DOMAIN.test(h) ||
    SERVER_CALL.test(h) ||
    MACH_ERROR_TEXT.test(h) ||
    SYSEXT_LIST_ROW.test(h) ||
    SYSEXT_LIST_HEAD.test(h) ||
    LILU_STYLE.test(h) ||
    START_FAILED.test(h) ||
    iokitCodeIn(h) !== undefined
  );
}

export interface ActivationError {
  domain: string;
  code: number;
}

/** `Error Domain=<domain> Code=<n>`, when the line carries one of the extension/kext domains. */
export function activationErrorIn(line: string): ActivationError | undefined {
  // The pattern holds this literal: a line without it (most log lines) skips the head cut and the scan.
  if (!line.includes('Error Domain=')) return undefined;
  const m = /\bError Domain=(OSSystemExtensionErrorDomain|KMErrorDomain|OSKextErrorDomain) Code=(-?\d{1,10})\b/.exec(head(line));
  return m ? { domain: m[1] as string, code: Number(m[2]) } : undefined;
}

/** `IOUserServer(<server>-0x<id>)::exit(<reason>)`. */
export function serverExitIn(line: string): { server: string; registryId?: string; reason?: string } | undefined {
  // The pattern holds this literal: a line without it (most log lines) skips the head cut and the scan.
  if (!line.includes(')::exit(')) return undefined;
  const h = head(line);
  const m = /\bIOUserServer\(([^()\s]{1,200}?)(?:-0x([0-9a-fA-F]{1,16}))?\)::exit\(/.exec(h);
  if (!m) return undefined;
  const out: { server: string; registryId?: string; reason?: string } = { server: m[1] as string };
  if (m[2]) out.registryId = `0x${m[2]}`;
  // The reason runs to the line's last ")": it may hold parentheses of its own ("before start()").
  const rest = h.slice(m.index + m[0].length);
  const reason = (rest.lastIndexOf(')') >= 0 ? rest.slice(0, rest.lastIndexOf(')')) : rest).trim();
  if (reason) out.reason = reason;
  return out;
}

/** A dext's start failure: `Start failed: 0x…`, `start(...) failed`, `<Class>::start(<Provider>) fail`. */
export function startFailedIn(line: string): { className?: string; code?: string } | undefined {
  const h = head(line);
  if (!START_FAILED.test(h)) return undefined;
  const out: { className?: string; code?: string } = {};
  const cls = /([A-Za-z_]\w{0,80})(?:-0x[0-9a-fA-F]{1,16})?::start\(/.exec(h);
  if (cls) out.className = cls[1] as string;
  const code = iokitCodeIn(h) ?? /\b(?:Start failed|fail(?:ed)?)[:,]?\s*(?:with\s+)?((?:0x)?[0-9a-fA-F]{1,8}|-?\d{1,10})\b/i.exec(h)?.[1];
  if (code) out.code = code;
  return out;
}

/** A `systemextensionsctl list` row: `*  *  TEAMID  com.example.driver (1.0/1)  Name  [activated enabled]`. */
export function sysextListRow(line: string): { bundleId: string; state: string; teamId?: string; version?: string } | undefined {
  const h = head(line);
  const state = SYSEXT_LIST_ROW.exec(h);
  if (!state) return undefined;
  const m = /(?:^|\s)([A-Z0-9]{10}|-)\s+([A-Za-z0-9][\w.-]{1,200})\s+\(([^()]{1,40})\)/.exec(h);
  if (!m) return undefined;
  const row: { bundleId: string; state: string; teamId?: string; version?: string } = {
    bundleId: m[2] as string,
    state: state[0].trim().slice(1, -1),
  };
  if (m[1] !== '-') row.teamId = m[1] as string;
  row.version = m[3] as string;
  return row;
}
