import { beforeAll, describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';
import { demangleCxx, setCxxBackend } from '../../src/demangle/cxx.js';
import { installNodeCxxBackend } from '../../src/demangle/cxx-node.js';

describe('C++ Itanium demangling', () => {
  beforeAll(() => {
    expect(installNodeCxxBackend()).toBe(true);
  });

  it('demangles a const member function', () => {
    expect(demangle('_ZNK4demo6Widget10frobnicateEi')).toBe('demo::Widget::frobnicate(int) const');
  });

  it('strips the extra Mach-O underscore of __Z names', () => {
    expect(demangle('__ZNK4demo6Widget10frobnicateEi')).toBe('demo::Widget::frobnicate(int) const');
  });

  it('demangles blocks invoked inside C++ functions', () => {
    expect(demangle('____ZN4demo3runEv_block_invoke')).toBe('invocation function for block in demo::run()');
  });

  it('prints vtables and thunks the way llvm-cxxfilt does', () => {
    expect(demangle('__ZTV4Base')).toBe('vtable for Base');
    expect(demangle('__ZThn8_N4demo6Widget3fooEv')).toBe('non-virtual thunk to demo::Widget::foo()');
  });

  it('returns the input unchanged when the backend produces garbage', () => {
    // The wasm backend answers this valid destructor name with the input minus its underscore.
    expect(demangle('_ZN5swift9Demangle4NodeD2Ev')).toBe('_ZN5swift9Demangle4NodeD2Ev');
  });

  it('leaves invalid Itanium names unchanged', () => {
    expect(demangle('__Zfoo')).toBe('__Zfoo');
    expect(demangle('_ZN3foo')).toBe('_ZN3foo');
  });

  it('leaves C and Objective-C names unchanged', () => {
    for (const n of ['main', '_main', 'objc_msgSend', '-[NSObject doesNotRecognizeSelector:]', '+[Foo bar]', '__pthread_kill']) {
      expect(demangle(n)).toBe(n);
    }
  });

  it('leaves C++ names raw when no backend is installed', () => {
    setCxxBackend(undefined);
    try {
      expect(demangleCxx('_ZN3foo3barEv')).toBe('_ZN3foo3barEv');
    } finally {
      installNodeCxxBackend();
    }
  });
});
