import { describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';
import { installNodeCxxBackend, precompileNodeCxxBackend } from '../../src/demangle/cxx-node.js';

// Its own file: the backend is instantiated once per thread, by whichever path comes first.
describe('C++ backend while the background compile is under way', () => {
  it('a name met before the module is ready is demangled at once (compiled in place), and later ones the same', async () => {
    const compiling = precompileNodeCxxBackend();
    expect(installNodeCxxBackend()).toBe(true);
    expect(demangle('_ZNK4demo6Widget10frobnicateEi')).toBe('demo::Widget::frobnicate(int) const');
    expect(await compiling).toBe(true);
    expect(demangle('____ZN4demo3runEv_block_invoke')).toBe('invocation function for block in demo::run()');
  });
});
