import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../../src/symbolicate/select-backend.js';

const dir = mkdtempSync(join(tmpdir(), 'paniclens-tools-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const tool of ['atos', 'llvm-symbolizer-19']) {
  writeFileSync(join(dir, tool), '#!/bin/sh\n');
  chmodSync(join(dir, tool), 0o755);
}

describe('--symbolicator', () => {
  it('auto prefers atos on macOS, then llvm-symbolizer on PATH, then the Mach-O reader', () => {
    expect(selectBackend('auto', { platform: 'darwin', env: { PATH: dir } }).backend?.name).toBe('atos');
    expect(selectBackend('auto', { platform: 'linux', env: { PATH: dir } }).backend?.name).toBe('llvm-symbolizer');
    expect(selectBackend('auto', { platform: 'linux', env: { PATH: '' } }).backend?.name).toBe('macho');
  });

  it('says why an explicitly requested backend is missing', () => {
    expect(selectBackend('atos', { platform: 'linux', env: { PATH: dir } })).toEqual({ missing: expect.stringContaining('macOS') });
    expect(selectBackend('llvm', { platform: 'linux', env: { PATH: '' } }).missing).toMatch(/apt-get install llvm/);
    expect(selectBackend('none')).toEqual({});
  });
});
