import { describe, expect, it } from 'vitest';
import { installNodeCxxBackend, installNodeCxxBackendOnUse } from '../../src/demangle/cxx-node.js';
import { demangleCxx, hasCxxBackend, setCxxBackend } from '../../src/demangle/cxx.js';

describe('the C++ backend installed for use (wasm looked up at the first C++ name)', () => {
  it('demangles once installed, and the public installer then reports it found', () => {
    setCxxBackend(undefined);
    installNodeCxxBackendOnUse();
    expect(hasCxxBackend()).toBe(true);
    expect(demangleCxx('__ZN3foo3barEv')).toBe('foo::bar()');
    expect(installNodeCxxBackend()).toBe(true);
    expect(demangleCxx('_ZN3foo3bazEi')).toBe('foo::baz(int)');
  });

  it('leaves a backend a caller installed in place', () => {
    const mine = (name: string): string => (name === '_Z1fv' ? 'mine()' : name);
    setCxxBackend(mine);
    installNodeCxxBackendOnUse();
    expect(installNodeCxxBackend()).toBe(true);
    expect(demangleCxx('_Z1fv')).toBe('mine()');
    setCxxBackend(undefined);
  });
});
