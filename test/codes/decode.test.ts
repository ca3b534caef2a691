import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeTable, codesInText, decodeBrk, decodeErrorText, decodeEsr, decodeException, decodeGuard, decodeGuardCode, decodeJetsamReason,
  decodeMachError, decodeNamespace, decodeNumber, decodePanic, decodeResource, decodeResourceCode, decodeSiCode, decodeSignal,
  decodeSysextCode, decodeTerminationCode, decodeTriageLine, numberForms, parseCodeNumber,
} from '../../src/codes/index.js';

const name = (d: { name: string } | undefined): string | undefined => d?.name;

describe('error numbers in every form (CODES.md §11.2)', () => {
  it.each([
    ['0xe00002c7', 'kIOReturnUnsupported'],
    ['E00002C7', 'kIOReturnUnsupported'],
    ['-536870174', 'kIOReturnNotPermitted'],
    ['3758097095', 'kIOReturnUnsupported'],
    ['-603946981', 'kOSKextReturnSystemPolicy'],
    ['0xDC000001', 'kOSReturnError'],
    ['0x10000003', 'MACH_SEND_INVALID_DEST'],
    ['0x1000500C', 'MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE'],
    ['-308', 'MIG_SERVER_DIED'],
    ['0', 'KERN_SUCCESS'],
    ['56', 'KERN_NOT_FOUND'],
    ['0xE0004061', 'iokit/usb 0x061'],
    ['0xE0020004', 'iokit/bluetooth 0x004'],
    ['0x0000c002', 'unix_err(2)'],
  ])('%s → %s', (raw, expected) => {
    expect(name(decodeMachError(raw))).toBe(expected);
  });

  it('composes any IOKit number from its sub-system and code (§1.1)', () => {
    expect(decodeMachError('0xe0054123')).toMatchObject({ table: 'ioreturn', name: 'sub_iokit_pccard code 0x123' });
    expect(decodeMachError('0xe3ff8001')?.name).toBe('sub_iokit_vendor_specific code 0x1');
  });

  it('reads mach_error_string texts', () => {
    expect(name(decodeErrorText('(iokit/common) unsupported function'))).toBe('kIOReturnUnsupported');
    expect(name(decodeErrorText('(os/kern)   invalid address'))).toBe('KERN_INVALID_ADDRESS');
    expect(name(decodeErrorText('(ipc/mig) server died'))).toBe('MIG_SERVER_DIED');
  });

  it('triages a bare number (§0)', () => {
    expect(name(decodeNumber('0x8badf00d'))).toBe('0x8badf00d (ate bad food)');
    expect(name(decodeNumber('-536870212'))).toBe('kIOReturnError');
    expect(decodeNumber('123456789')).toBeUndefined();
  });

  it('round-trips every IOReturn, OSReturn and kern_return row through hex, bare hex, signed and unsigned decimal', () => {
    for (const id of ['ioreturn', 'osreturn', 'iokit_family'] as const) {
      for (const r of codeTable(id).rows.filter((r) => r.value !== '0x00000000')) {
        const v = BigInt(r.value as string);
        const f = numberForms(v);
        for (const form of [f.hex, f.hex.toUpperCase().replace('0X', '0x'), f.signed, f.unsigned, ...(v > 0xfffffffn ? [f.hex.slice(2).toUpperCase()] : [])]) {
          expect([form, decodeMachError(form)?.name]).toEqual([form, r.name]);
        }
      }
    }
  });

  it('parses any 32-bit value back from each of its forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        const v = BigInt(n);
        const f = numberForms(v);
        return parseCodeNumber(f.hex)?.value === v && parseCodeNumber(f.signed)?.value === v && parseCodeNumber(f.unsigned)?.value === v;
      }),
    );
  });
});

describe('exceptions (CODES.md §3)', () => {
  it('decodes the type, signal and EXC_BAD_ACCESS subtype', () => {
    const d = decodeException({ type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV', subtype: 'KERN_INVALID_ADDRESS at 0x0000000000000000', codes: '0x0000000000000001, 0x0000000000000000' });
    expect(d.map((x) => [x.field, x.decoding.name])).toEqual([
      ['exception.type', 'EXC_BAD_ACCESS'],
      ['exception.signal', 'SIGSEGV'],
      ['exception.subtype', 'KERN_INVALID_ADDRESS'],
    ]);
  });

  it('decodes machine codes per architecture', () => {
    expect(decodeException({ type: 'EXC_BREAKPOINT', codes: '0x0000000000000001, 0x0000000102f3c4a8' }, 'arm64e')[1]?.decoding.name).toBe('EXC_ARM_BREAKPOINT');
    expect(decodeException({ type: 'EXC_BAD_INSTRUCTION', codes: '0x0000000000000001, 0x0000000000000000' }, 'x86_64')[1]?.decoding.name).toBe('EXC_I386_INVOP');
    expect(decodeException({ type: 'EXC_ARITHMETIC', codes: '0x0000000000000002' }, 'arm64')[1]?.decoding.name).toBe('EXC_ARM_FP_DZ');
  });

  it('decodes an EXC_CRASH code[0] into signal and original exception', () => {
    expect(decodeException({ type: 'EXC_CRASH', codes: '0x0000000006100002, 0x0' })[1]?.decoding.name).toBe('EXC_CRASH / SIGABRT / EXC_BAD_ACCESS');
  });

  it('decodes the EXC_GUARD layout: a full code, or type from the subtype and flavor from the low bits or the message', () => {
    expect(decodeGuardCode(0x2000020000002703n)?.name).toBe('EXC_GUARD / GUARD_TYPE_MACH_PORT / kGUARD_EXC_INVALID_NAME');
    expect(decodeGuardCode(0x2000020000002703n)?.target).toBe(0x2703n);
    expect(name(decodeGuard(0x0000000100000011n, 'GUARD_TYPE_FD'))).toBe('EXC_GUARD / GUARD_TYPE_FD / kGUARD_EXC_CLOSE');
    expect(name(decodeGuard(0n, 'GUARD_TYPE_MACH_PORT', 'OVER_DEALLOC on mach port 3843'))).toBe('EXC_GUARD / GUARD_TYPE_MACH_PORT / kGUARD_EXC_MOD_REFS');
    expect(name(decodeGuardCode(0x8000004000000000n))).toBe('EXC_GUARD / GUARD_TYPE_VN / kGUARD_EXC_EXCHDATA');
    expect(name(decodeGuardCode(0xa000004000000000n))).toBe('EXC_GUARD / GUARD_TYPE_VIRT_MEMORY / kGUARD_EXC_SEC_ASYNC_ACCESS_FAULT');
  });

  it('decodes the EXC_RESOURCE layout with its type-specific fields', () => {
    const mem = decodeResourceCode(0x6400000000000800n);
    expect(mem?.name).toBe('EXC_RESOURCE / RESOURCE_TYPE_MEMORY / FLAVOR_HIGH_WATERMARK');
    expect(mem?.meaning).toContain('high-water-mark limit (MB) 2048');
    expect(decodeResourceCode(0x2800000000005a32n, 0x3cn)?.meaning).toMatch(/interval \(s\) 180, CPU limit \(%\) 50, % CPU actually consumed 60/);
    expect(name(decodeResource(0n, 0n, 'CPU', '(Limit 50%) Observed 60% over 180 secs'))).toBe('EXC_RESOURCE / RESOURCE_TYPE_CPU / FLAVOR_CPU_MONITOR');
    expect(name(decodeResource(undefined, undefined, 'PORTS'))).toBe('EXC_RESOURCE / RESOURCE_TYPE_PORTS / FLAVOR_PORT_SPACE_FULL');
  });
});

describe('terminations, jetsam, signals, system extensions', () => {
  it('reads namespaces as ReportCrash prints them', () => {
    expect(name(decodeNamespace('FRONTBOARD'))).toBe('OS_REASON_SPRINGBOARD');
    expect(name(decodeNamespace('<0xF>'))).toBe('OS_REASON_RUNNINGBOARD');
    expect(name(decodeNamespace('ASSERTIOND'))).toBe('OS_REASON_RUNNINGBOARD');
  });

  it('decodes a code in its namespace', () => {
    expect(name(decodeTerminationCode('FRONTBOARD', '2343432205'))).toBe('0x8badf00d (ate bad food)');
    expect(name(decodeTerminationCode('RUNNINGBOARD', '0xdead10cc'))).toBe('0xdead10cc (dead lock)');
    expect(name(decodeTerminationCode('SIGNAL', '0xb'))).toBe('SIGSEGV');
    expect(name(decodeTerminationCode('DYLD', '1'))).toBe('DYLD_EXIT_REASON_DYLIB_MISSING');
    expect(name(decodeTerminationCode('CODESIGNING', '2'))).toBe('CODESIGNING_EXIT_REASON_INVALID_PAGE');
    expect(name(decodeTerminationCode('GUARD', '2305845208236959491'))).toBe('EXC_GUARD / GUARD_TYPE_MACH_PORT / kGUARD_EXC_INVALID_NAME');
    expect(name(decodeTerminationCode('JETSAM', '7'))).toBe('JETSAM_REASON_MEMORY_PERPROCESSLIMIT');
    expect(name(decodeTerminationCode('LIBSYSTEM', '5'))).toBe('OS_REASON_LIBSYSTEM_CODE_OS_LOG_FAULT');
  });

  it('decodes jetsam reasons, old strings too', () => {
    expect(name(decodeJetsamReason('per-process-limit'))).toBe('JETSAM_REASON_MEMORY_PERPROCESSLIMIT');
    expect(name(decodeJetsamReason('vm-thrashing'))).toBe('JETSAM_REASON_MEMORY_PROCTHRASHING');
    expect(decodeJetsamReason('diagnostic')?.meaning).toContain('older xnu');
    expect(name(decodeJetsamReason('long-idle-exit'))).toBe('JETSAM_REASON_MEMORY_LONGIDLE_EXIT');
  });

  it('decodes signals and si_codes', () => {
    expect(name(decodeSignal('11'))).toBe('SIGSEGV');
    expect(name(decodeSignal('SIGUSR2'))).toBe('SIGUSR2');
    expect(name(decodeSiCode('SIGBUS', 1))).toBe('SIGBUS / BUS_ADRALN');
    expect(name(decodeSiCode('SIGKILL', '0x10001'))).toBe('SIGKILL / SI_USER');
  });

  it('decodes OSSystemExtensionErrorDomain codes, first to last', () => {
    expect(name(decodeSysextCode(1))).toBe('OSSystemExtensionErrorUnknown');
    expect(name(decodeSysextCode('13'))).toBe('OSSystemExtensionErrorAuthorizationRequired');
  });
});

describe('panics and free text', () => {
  it('decodes esr, brk, x86 trap types, message families and coprocessors', () => {
    expect(decodeEsr(0x96000004n)?.name).toBe('ESR_EC_DABORT_EL1 / FSC_TRANSLATION_FAULT_L0');
    expect(decodeBrk(0xc472n)?.meaning).toContain('DA key');
    expect(decodeBrk(0x0905n)?.name).toBe('KASAN');
    const p = decodePanic({ message: 'Kernel trap at 0xffffff8000, type = 14=page fault, registers:', kexts: [], backtrace: [] });
    expect(p.map((c) => c.decoding.name)).toContain('T_PAGE_FAULT');
    const s = decodePanic({ message: 'Spinlock[0xffff] timeout after 12 ticks; current owner: 0x1 (on cpu 2), start time: 1, now: 2, timeout: 3', kexts: [], backtrace: [] });
    expect(s[0]?.decoding.meaning).toBe('hw spinlock not acquired in time (owner on another CPU)');
    expect(decodePanic({ message: 'DCPEXT PANIC - something', kexts: [], backtrace: [] }).map((c) => c.decoding.name)).toEqual(['DCP']);
    expect(decodePanic({ message: 'AppleSMC: SMC firmware …', kexts: [], backtrace: [] }).map((c) => c.decoding.name)).toEqual(['SMC']);
    expect(decodePanic({ message: 'AppleSMCFamily did something', kexts: [], backtrace: [] })).toEqual([]);
  });

  it('picks codes out of log lines, without taking UUIDs or addresses for codes', () => {
    const found = codesInText('DK: X-0x1::start(Y-0x2) fail; Start failed: 0xe00002c7 kr = 0x10000003 (iokit/common) not permitted');
    expect(found.map((c) => [c.decoding.name, c.raw])).toEqual([
      ['kIOReturnUnsupported', '0xe00002c7'],
      ['MACH_SEND_INVALID_DEST', '0x10000003'],
      ['kIOReturnNotPermitted', '(iokit/common) not permitted'],
    ]);
    expect(codesInText('Error Domain=OSSystemExtensionErrorDomain Code=4 "Extension not found"').map((c) => c.decoding.name)).toEqual(['OSSystemExtensionErrorExtensionNotFound']);
    expect(codesInText('Error Domain=NSOSStatusErrorDomain Code=-536870174').map((c) => c.decoding.name)).toEqual(['kIOReturnNotPermitted']);
    expect(codesInText('image E3C1D2A4-1234-5678-9ABC-DEF012345678 at 0x10004000 addr 0x1000a000')).toEqual([]);
    expect(codesInText('memorystatus: killing_specific_process pid 42 [Foo] (per-process-limit 10 3s rf:-) 123KB').map((c) => c.decoding.name)).toEqual(['JETSAM_REASON_MEMORY_PERPROCESSLIMIT', 'JETSAM_PRIORITY_IDLE_DEFERRED']);
    expect(codesInText('pid 77 exited -- exit reason namespace 6 subcode 0x1, description none').map((c) => c.decoding.name)).toEqual(['OS_REASON_DYLD', 'DYLD_EXIT_REASON_DYLIB_MISSING']);
  });

  it('reads Kernel Triage lines with and without the arg', () => {
    expect(decodeTriageLine('VM - (arg = 0x3) Found no valid range containing this address')?.name).toBe('KDBG_TRIAGE_VM_ADDRESS_NOT_FOUND');
    expect(decodeTriageLine('VM - Fault hit memory shortage')?.name).toBeUndefined();
    expect(decodeTriageLine('VM - VM Fault hit memory shortage')?.name).toBe('KDBG_TRIAGE_VM_FAULT_MEMORY_SHORTAGE');
  });

  it('stays linear on hostile text', () => {
    const long = `${'0x'.repeat(50_000)}${'(iokit/'.repeat(20_000)}${'OSSystemExtensionError '.repeat(5_000)}`;
    const t0 = performance.now();
    codesInText(long);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
