import { describe, expect, it } from 'vitest';
import { parseCrashText } from '../../../src/ingest/crash-text/index.js';

const ctx = { path: 'deadlock.crash', startLine: 1, documentIndex: 0 };

describe('a reporter that caught no exception', () => {
  it('reads KSCrash "Exception Type: 0 (0)" as no exception type, with a warning', () => {
    const text = [
      'Incident Identifier: 5B2A7E90-1C3D-4E5F-8A9B-0C1D2E3F4A5B',
      'Hardware Model:      iPhone6,1',
      'Process:         Tester [812]',
      'Code Type:       ARM',
      '',
      'Exception Type:  0 (0)',
      'Exception Codes: 0x00000000 at 0x00000000',
      'Crashed Thread:  0',
      '',
      'Application Specific Information:',
      'Application main thread deadlocked',
      '',
      'Thread 0 Crashed:',
      '0   libsystem_kernel.dylib          0x3b1d6a8c semaphore_wait_trap + 8',
    ].join('\n');
    const r = parseCrashText(text, ctx);
    expect(r.exception?.type).toBeUndefined();
    expect(r.exception?.signal).toBeUndefined();
    expect(r.exception?.codes).toBe('0x00000000 at 0x00000000');
    expect(r.warnings).toContain('the reporter wrote no exception type ("Exception Type: 0 (0)")');
    expect(r.applicationSpecific).toEqual(['Application main thread deadlocked']);
    // "0 (0)" is also how KSCrash is told apart when nothing else gives it away.
    expect(r.source.producer).toBe('KSCrash');
  });
});
