/**
 * Writes a symbolicated report back into its .ips document: crash bodies (309) get symbol, symbolLocation,
 * sourceFile and sourceLine on their frames and inlined frames as `"inline": true` entries before them (Apple's
 * layout); panic bodies (210) get the symbols appended to the backtrace rows of the panic string. The header line and
 * every other key are kept; big integers stay exact.
 */
import type { Frame, Report } from '../../model/report.js';
import { splitEnvelope } from '../../ingest/ips/envelope.js';
import { isJsonObject, readJson, type JsonObject, type JsonValue } from '../../ingest/ips/lossless-json.js';
import { baseName, newlyResolved, physicalFrames } from './frame-groups.js';
import { stringifyLossless } from './lossless-stringify.js';
import { annotatePanicText } from './text.js';

export type WriteBack = { ok: true; text: string } | { ok: false; reason: string };

export function writeBackIps(text: string, report: Report): WriteBack {
  const env = splitEnvelope(text);
  const r = readJson(env.body);
  if (r.error || !isJsonObject(r.value)) return { ok: false, reason: 'the .ips body is damaged or not JSON; it cannot be rewritten' };
  const body = r.value;
  const threads = body.threads;
  if (Array.isArray(threads)) {
    threads.forEach((t, i) => {
      const model = report.threads[i];
      if (isJsonObject(t) && Array.isArray(t.frames) && model) t.frames = rewriteFrames(t.frames, model.frames);
    });
  }
  if (Array.isArray(body.lastExceptionBacktrace) && report.lastExceptionBacktrace) {
    body.lastExceptionBacktrace = rewriteFrames(body.lastExceptionBacktrace, report.lastExceptionBacktrace);
  }
  for (const key of ['panicString', 'macOSPanicString']) {
    const s = body[key];
    if (typeof s === 'string' && report.panic) body[key] = annotatePanicText(s, report.panic.backtrace);
  }
  const rest = env.body.slice(r.end);
  return { ok: true, text: `${text.slice(0, env.bodyOffset)}${stringifyLossless(body)}${rest.trim() === '' ? '\n' : rest}` };
}

function rewriteFrames(json: JsonValue[], model: Frame[]): JsonValue[] {
  const groups = new Map(physicalFrames(model).map((g) => [g.index, g]));
  const out: JsonValue[] = [];
  let physical = 0;
  for (const entry of json) {
    if (!isJsonObject(entry) || entry.inline === true) {
      out.push(entry);
      continue;
    }
    const g = groups.get(physical++);
    if (!g || !newlyResolved(g.frame)) {
      out.push(entry);
      continue;
    }
    for (const inl of g.inlined) if (newlyResolved(inl)) out.push({ ...pick(entry), ...fields(inl), inline: true });
    out.push({ ...entry, ...fields(g.frame) });
  }
  return out;
}

function pick(entry: JsonObject): JsonObject {
  const o: JsonObject = {};
  if (entry.imageIndex !== undefined) o.imageIndex = entry.imageIndex;
  if (entry.imageOffset !== undefined) o.imageOffset = entry.imageOffset;
  return o;
}

function fields(f: Frame): JsonObject {
  const o: JsonObject = { symbol: f.symbol ?? '' };
  if (f.symbolOffset !== undefined && !f.inlined) o.symbolLocation = f.symbolOffset;
  if (f.file) o.sourceFile = baseName(f.file);
  if (f.line) o.sourceLine = f.line;
  return o;
}
