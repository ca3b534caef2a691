/**
 * The prefixes of kernel-log lines (FORMATS §7.1): `log show`/`log stream` default style, `--style syslog`,
 * `--style compact`, BSD syslog (system.log), Console.app tab-separated copies, bare `kernel:` /
 * `name[pid]:` lines, and dmesg lines with no prefix at all. Each reader returns the prefix facts and the
 * message, or undefined. Regexes are anchored and only ever see the first HEAD characters of a line.
 */

export interface LinePrefix {
  /** Which shape matched; 'bare' is a line with no prefix (dmesg, serial console). */
  style: 'default' | 'syslog' | 'compact' | 'bsd-syslog' | 'console' | 'timestamped' | 'process' | 'bare';
  time?: string;
  process?: string;
  pid?: number;
  level?: string;
  message: string;
}

/** Prefix regexes only look at this many characters, so a huge line costs no more than a short one. */
export const HEAD = 600;

const TS = String.raw`(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)`;
const DEFAULT = new RegExp(String.raw`^${TS}\s+(0x[0-9a-fA-F]+)\s+([A-Za-z]+)\s+(0x[0-9a-fA-F]+)\s+(-?\d+)\s+(\d+)\s+(.*)$`);
const COMPACT = new RegExp(String.raw`^${TS}\s+([A-Z][a-z]?)\s+([^\[\]]{1,80}?)\[(\d+):[0-9a-fA-Fx]+\]\s?(.*)$`);
const SYSLOG = new RegExp(String.raw`^${TS}\s+(\S+)\s+([^\[\]]{1,80}?)\[(\d+)(?::[0-9a-fA-Fx]+)?\](?:\s*<(\w+)>)?:?\s?(.*)$`);
const TIMESTAMPED = new RegExp(String.raw`^${TS}\s+(.*)$`);
const BSD = /^([A-Z][a-z]{2}\s+\d{1,2} \d{2}:\d{2}:\d{2})\s+(\S+)\s+([^\[\]]{1,80}?)\[(\d+)\](?:\s*\([^)]*\))?(?:\s*<(\w+)>)?:?\s?(.*)$/;
const CONSOLE = /^(default|info|debug|error|fault|notice|activity)\t([^\t]*)\t([^\t]*)\t ?(.*)$/i;
const KERNEL = /^(kernel)(?:\[(\d+)\])?:\s?(.*)$/;
/** Extension and kext tools whose output users paste with only the tool's name in front. */
const TOOL = /^(sysextd|kernelmanagerd|driverkitd|kmutil|kextload|kextutil|systemextensionsctl)(?:\[(\d+)\])?:\s?(.*)$/;
const NAME_PID = /^([A-Za-z_][\w.\- ]{0,63}?)\[(\d+)\]:\s?(.*)$/;

/** Split `<process>: rest` (log show default style); a process is a name without spaces before ": ". */
function splitProcess(rest: string): { process?: string; message: string } {
  const m = /^([^\s:][^:]{0,79}?)(?:\[(\d+)\])?:\s(.*)$/.exec(rest);
  if (!m || /\s/.test(m[1] as string)) return { message: rest };
  return { process: m[1] as string, message: m[3] as string };
}

/** Read the prefix of one line (leading whitespace already removed). */
export function readLinePrefix(line: string): LinePrefix {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  const tail = line.length > HEAD ? line.slice(HEAD) : '';
  let m: RegExpExecArray | null;
  if (/^\d{4}-/.test(head)) {
    if ((m = DEFAULT.exec(head))) {
      const { process, message } = splitProcess((m[7] as string) + tail);
      // No object spread: toEvent reads the fields by name, so the key order of a prefix does not matter.
      const p: LinePrefix = { style: 'default', time: m[1] as string, level: m[3] as string, pid: Number(m[5]), message };
      if (process) p.process = process;
      return p;
    }
    if ((m = COMPACT.exec(head))) {
      return { style: 'compact', time: m[1], level: m[2], process: (m[3] as string).trim(), pid: Number(m[4]), message: (m[5] as string) + tail };
    }
    if ((m = SYSLOG.exec(head))) {
      const p: LinePrefix = { style: 'syslog', time: m[1], process: (m[3] as string).trim(), pid: Number(m[4]), message: (m[6] as string) + tail };
      if (m[5]) p.level = m[5];
      return p;
    }
    if ((m = TIMESTAMPED.exec(head))) {
      const rest = readProcessForm((m[2] as string) + tail);
      return { ...rest, style: 'timestamped', time: m[1] };
    }
  }
  if ((m = CONSOLE.exec(head))) {
    const p: LinePrefix = { style: 'console', level: m[1], message: (m[4] as string) + tail };
    if (m[2]) p.time = (m[2] as string).trim();
    if (m[3]) p.process = (m[3] as string).trim();
    return p;
  }
  if ((m = BSD.exec(head))) {
    const p: LinePrefix = { style: 'bsd-syslog', time: m[1], process: (m[3] as string).trim(), pid: Number(m[4]), message: (m[6] as string) + tail };
    if (m[5]) p.level = m[5];
    return p;
  }
  return readProcessForm(line);
}

/** `kernel: msg`, `kernel[0]: msg`, `name[pid]: msg`, or a bare message. */
function readProcessForm(line: string): LinePrefix {
  const head = line.length > HEAD ? line.slice(0, HEAD) : line;
  const tail = line.length > HEAD ? line.slice(HEAD) : '';
  let m = KERNEL.exec(head);
  if (m) {
    const p: LinePrefix = { style: 'process', process: 'kernel', message: (m[3] as string) + tail };
    if (m[2] !== undefined) p.pid = Number(m[2]);
    return p;
  }
  m = TOOL.exec(head);
  if (m) {
    const p: LinePrefix = { style: 'process', process: m[1] as string, message: (m[3] as string) + tail };
    if (m[2] !== undefined) p.pid = Number(m[2]);
    return p;
  }
  m = NAME_PID.exec(head);
  if (m) return { style: 'process', process: (m[1] as string).trim(), pid: Number(m[2]), message: (m[3] as string) + tail };
  // A host name before the process ("localhost kernel[0]: …") in a timestamped line.
  m = /^(\S+)\s+(kernel|[A-Za-z_][\w.\-]{0,63})\[(\d+)\]:\s?(.*)$/.exec(head);
  if (m) return { style: 'process', process: m[2] as string, pid: Number(m[3]), message: (m[4] as string) + tail };
  return { style: 'bare', message: line };
}

/** Lines that `log` prints around the events: column headers, filter notes, the closing summary. */
export function isLogChrome(trimmed: string): boolean {
  // Each test below starts with one of these characters.
  if (!'TFSLA-'.includes(trimmed.charAt(0)) || trimmed === '') return false;
  return (
    /^Timestamp\s+(Thread|Ty)/.test(trimmed) ||
    trimmed.startsWith('Filtering the log data using') ||
    trimmed.startsWith('Skipping info and debug messages') ||
    /^(Log|Activity)\s+-\s+\w+:/.test(trimmed) ||
    /^-{3,}$/.test(trimmed)
  );
}
