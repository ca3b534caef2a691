import { describe, expect, it } from 'vitest';
import { pairWithSource, sourceDifferences } from '../../src/lint/pair-sources.js';
import type { PlistDict } from '../../src/lint/types.js';

const info = (id: string, personalities: Record<string, PlistDict>): PlistDict => ({ CFBundleIdentifier: id, IOKitPersonalities: personalities });
const built = info('com.example.a', { A: { IOUserClass: 'ADriver', IOClass: 'IOService', IOPCIMatch: '0x12341000' } });

describe('pairWithSource', () => {
  it('prefers a source that spells out the same bundle id', () => {
    const sources = [info('com.example.b', { A: { IOUserClass: 'ADriver' } }), info('com.example.a', { X: { IOUserClass: 'Other' } })];
    expect(pairWithSource(built, sources)).toEqual({ index: 1, by: 'bundle id' });
  });

  it('pairs by IOUserClass when the sources say $(PRODUCT_BUNDLE_IDENTIFIER)', () => {
    const sources = [info('$(PRODUCT_BUNDLE_IDENTIFIER)', { B: { IOUserClass: 'BDriver' } }), info('$(PRODUCT_BUNDLE_IDENTIFIER)', { A: { IOUserClass: 'ADriver' } })];
    expect(pairWithSource(built, sources)).toEqual({ index: 1, by: 'IOUserClass' });
  });

  it('falls back to personality names, and pairs nothing on a tie or no overlap', () => {
    expect(pairWithSource(built, [info('$(X)', { A: { IOUserClass: '$(CLASS)' } })])).toEqual({ index: 0, by: 'personality names' });
    const twin = info('$(X)', { A: { IOUserClass: 'ADriver' } });
    expect(pairWithSource(built, [twin, twin])).toBeUndefined();
    expect(pairWithSource(built, [info('$(X)', { B: { IOUserClass: 'BDriver' } })])).toBeUndefined();
    expect(pairWithSource(built, [])).toBeUndefined();
  });
});

describe('sourceDifferences', () => {
  it('names the personality keys a stale build disagrees on, ignoring build settings and key order', () => {
    const source = info('$(PRODUCT_BUNDLE_IDENTIFIER)', {
      A: { IOUserClass: 'ADriver', IOClass: 'IOUserService', CFBundleIdentifier: '$(PRODUCT_BUNDLE_IDENTIFIER)', IOPCIMatch: '0x12341000', Sub: { b: 1, a: 2 } },
    });
    const b = info('com.example.a', { A: { Sub: { a: 2, b: 1 }, IOPCIMatch: '0x12341000', IOClass: 'IOService', IOUserClass: 'ADriver', CFBundleIdentifier: 'com.example.a' } });
    expect(sourceDifferences(b, source)).toEqual([{ personality: 'A', key: 'IOClass', source: '"IOUserService"', built: '"IOService"' }]);
  });

  it('reports keys present on one side only, and skips personalities the build does not have', () => {
    const source = info('$(X)', { A: { IOUserClass: 'ADriver', IOClass: 'IOService', IOPCIMatch: '0x12341000', CFBundleIdentifierKernel: 'com.apple.kpi.iokit' }, New: { IOClass: 'IOUserService' } });
    expect(sourceDifferences(built, source)).toEqual([{ personality: 'A', key: 'CFBundleIdentifierKernel', source: '"com.apple.kpi.iokit"', built: 'missing' }]);
  });
});
