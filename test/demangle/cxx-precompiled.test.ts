import { describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';
import { installNodeCxxBackend, precompileNodeCxxBackend } from '../../src/demangle/cxx-node.js';

// Its own file: the backend is instantiated once per thread, by whichever path comes first.
describe('C++ backend compiled in the background (triage)', () => {
  it('demangles with the module compiled off the main thread, started once', async () => {
    const compiling = precompileNodeCxxBackend();
    expect(precompileNodeCxxBackend()).toBe(compiling);
    expect(installNodeCxxBackend()).toBe(true);
    expect(await compiling).toBe(true);
    expect(demangle('_ZNK4demo6Widget10frobnicateEi')).toBe('demo::Widget::frobnicate(int) const');
    expect(demangle('__ZTV4Base')).toBe('vtable for Base');
  });
});
