// The floor triage is measured against (issue 10): read every file of a folder and JSON.parse what
// is JSON (.ips: header line and body), in one thread. Plain JavaScript, so the icount bench can run
// it as it is under callgrind (`node bench/floor.mjs DIR` prints how many files were JSON).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Every file below `dir`, depth first. */
export function listFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** One floor pass over `dir`: the number of files parsed as JSON. */
export function floorPass(dir) {
  let parsed = 0;
  for (const f of listFiles(dir)) {
    const text = readFileSync(f, 'utf8');
    if (!text.startsWith('{')) continue;
    const nl = text.indexOf('\n');
    try {
      JSON.parse(text.slice(0, nl));
      JSON.parse(text.slice(nl + 1));
      parsed++;
    } catch {
      try {
        JSON.parse(text);
        parsed++;
      } catch {
        /* not JSON after all */
      }
    }
  }
  return parsed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(floorPass(process.argv[2] ?? '.'));
