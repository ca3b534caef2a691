// Decoding done once where it was done again: codeDiagnoses decodes a report's exception only when
// exceptionTypeRow names EXC_GUARD or EXC_RESOURCE (no other exception decodes to those tables);
// namespaceRow remembers its rows; decodeTriageLine keys the table's rows once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeTable, decodeException, exceptionTypeRow } from '../../src/codes/index.js';
import { textKey } from '../../src/codes/tables.js';
import { decodeTriageLine } from '../../src/codes/messages.js';
import { namespaceRow } from '../../src/codes/termination.js';
import type { ExceptionInfo } from '../../src/model/report.js';

const TYPES = ['EXC_GUARD', 'EXC_RESOURCE', 'EXC_CRASH', 'EXC_BAD_ACCESS', 'EXC_BREAKPOINT', 'EXC_SOFTWARE', 'EXC_BAD_INSTRUCTION', 'EXC_ARITHMETIC', 'EXC_NOPE', '0xb', '0xc', '11', 'exc_guard'];
const SUBTYPES = ['GUARD_TYPE_MACH_PORT', 'GUARD_TYPE_FD', 'CPU', 'MEMORY', 'WAKEUPS', 'KERN_INVALID_ADDRESS at 0x0', 'KERN_PROTECTION_FAILURE', 'garbage'];
const CODES = ['0x0000000000000001, 0x0000000000000000', '0x4000000100000000, 0x0', '0x2000000000000005, 0x1', '0x8badf00d', '0xc000000000000000', 'KERN_INVALID_ADDRESS at 0x10', '0x10, 0x20', '17'];

const exception: fc.Arbitrary<ExceptionInfo> = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...TYPES), fc.constantFrom(...TYPES).map((t) => `${t} (SIGABRT)`)),
    signal: fc.constantFrom('SIGABRT', 'SIGKILL', 'SIGSEGV', 'SIGBUS'),
    codes: fc.constantFrom(...CODES),
    subtype: fc.constantFrom(...SUBTYPES),
    message: fc.constantFrom('CLOSE on file descriptor 17', 'OVER_DEALLOC on mach port', 'diag memory', 'logical writes'),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ExceptionInfo>;

describe('exceptionTypeRow', () => {
  it('is what decodeException decodes by: only EXC_GUARD and EXC_RESOURCE give guard and resource decodings', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(exception, fc.constantFrom(undefined, 'arm64', 'x86_64', 'arm64e'), (e, arch) => {
        const tables = decodeException(e, arch).map((c) => c.decoding.table);
        const name = exceptionTypeRow(e)?.name;
        for (const t of tables) seen.add(t);
        if (tables.includes('exc_guard')) expect(name).toBe('EXC_GUARD');
        if (tables.includes('exc_resource')) expect(name).toBe('EXC_RESOURCE');
        if (tables.includes('mach_exception')) expect(name).toBeDefined();
      }),
      { numRuns: 2000, seed: 3 },
    );
    // The cases that matter were generated.
    expect([...seen]).toEqual(expect.arrayContaining(['exc_guard', 'exc_resource', 'mach_exception']));
  });
});

describe('namespaceRow', () => {
  it('answers the same from its memo, also after the memo was cleared when full', () => {
    const texts = ['SIGNAL', 'SPRINGBOARD', '<0xF>', 'Namespace 15', 'FRONTBOARD', ' jetsam ', 'nope', `${'X'.repeat(80)}`];
    const first = texts.map((t) => namespaceRow(t));
    expect(first[0]?.name).toBe('OS_REASON_SIGNAL');
    expect(first.slice(0, 3).every((r) => r !== undefined)).toBe(true);
    expect(first[6]).toBeUndefined();
    for (let i = 0; i < 600; i++) namespaceRow(`NS${i}`);
    expect(texts.map((t) => namespaceRow(t))).toEqual(first);
    expect(texts.map((t) => namespaceRow(t))).toEqual(first);
  });
});

describe('decodeTriageLine', () => {
  it('finds the row the table lookup and the first prefixing row (keys made per call) found', () => {
    const t = codeTable('kernel_triage');
    const texts = t.rows.flatMap((r) => (r.text ? [r.text] : []));
    expect(texts.length).toBeGreaterThan(3);
    const reference = (line: string): string | undefined => {
      const s = line.slice(0, 400).replace(/^\s*[A-Za-z ]{1,20} - /, '').replace(/^\(arg = 0x[0-9a-f]{1,16}\)\s*/i, '').trim();
      return (t.byText(s) ?? t.rows.find((r) => r.text && r.text.length > 8 && textKey(s).startsWith(textKey(r.text))))?.name;
    };
    let hits = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('', 'VM - ', 'VM - (arg = 0x3) ', '  Kernel - ', 'nonsense '),
        fc.constantFrom(...texts, 'nothing known here'),
        fc.constantFrom('', ' and more', '.', '  ', ' EXTRA words'),
        fc.boolean(),
        (head, text, tail, upper) => {
          const line = `${head}${upper ? text.toUpperCase() : text}${tail}`;
          const want = reference(line);
          if (want) hits++;
          expect(decodeTriageLine(line)?.name, line).toBe(want);
        },
      ),
      { numRuns: 1500, seed: 11 },
    );
    expect(hits).toBeGreaterThan(100);
  });
});
