// The llvm-symbolizer backend against a stand-in script: one process for many batches, answers in request order.
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LlvmSymbolizerBackend } from '../../src/symbolicate/llvm-symbolizer.js';
import { findLlvmSymbolizer } from '../../src/symbolicate/find-tool.js';
import type { SymbolFile } from '../../src/symbolicate/types.js';

const dir = mkdtempSync(join(tmpdir(), 'paniclens-fake-llvm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, 'starts.log');
const fake = join(dir, 'llvm-symbolizer');
// Echoes each request's address back as the function name; logs one line per process start.
writeFileSync(
  fake,
  `#!/bin/sh\necho start >> "${log}"\nwhile read -r line; do a=\${line##* }; printf '{"Address":"%s","Symbol":[{"FunctionName":"f_%s","StartAddress":"%s","Line":0}]}\\n' "$a" "$a" "$a"; done\n`,
);
chmodSync(fake, 0o755);
const file: SymbolFile = { path: '/x/App', arch: 'arm64', uuid: 'U', kind: 'binary', segments: [] };

describe('llvm-symbolizer process', () => {
  it('serves several batches, including concurrent ones, from one long-lived process', async () => {
    const backend = new LlvmSymbolizerBackend(fake);
    const a = backend.symbolize([1n, 2n, 3n].map((address) => ({ file, address })));
    const b = backend.symbolize([0x10n].map((address) => ({ file, address })));
    expect((await a).map((x) => x.frames[0]?.name)).toEqual(['f_0x1', 'f_0x2', 'f_0x3']);
    expect((await b).map((x) => x.frames[0]?.name)).toEqual(['f_0x10']);
    const big = await backend.symbolize(Array.from({ length: 5000 }, (_, i) => ({ file, address: BigInt(i) })));
    expect(big[4999]!.frames[0]!.name).toBe('f_0x1387');
    await backend.close();
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual(['start']);
  });

  it('answers with an error, not a hang, when the tool is missing or dies', async () => {
    const backend = new LlvmSymbolizerBackend(join(dir, 'does-not-exist'));
    const [answer] = await backend.symbolize([{ file, address: 1n }]);
    expect(answer!.error).toBe('llvm-symbolizer exited');
    await backend.close();
  });

  it('finds llvm-symbolizer through $LLVM_SYMBOLIZER first', () => {
    expect(findLlvmSymbolizer({ LLVM_SYMBOLIZER: fake, PATH: '' })).toBe(fake);
    expect(findLlvmSymbolizer({ PATH: dir })).toBe(fake);
    expect(findLlvmSymbolizer({ PATH: join(dir, 'none') })).toBeUndefined();
  });
});
