import { readFileSync, readdirSync } from 'node:fs';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { CODE_TABLE_SCHEMA, TABLE_IDS, codeTable, type TableId } from '../../src/codes/index.js';
import { renderCodeSchemaJson, renderCodeValidatorSource, renderTablesModule } from '../../scripts/code-tables-source.js';

const codesDir = new URL('../../codes/', import.meta.url);
const files = readdirSync(codesDir).filter((f) => f.endsWith('.json') && f !== 'schema.json');

/** Rows per table as CODES.md counts them ("Rows: N"): the tables are complete, not samples. */
const ROWS: Partial<Record<TableId, number>> = {
  iokit_subsystem: 38, ioreturn: 55, iokit_family: 72, osreturn: 42, kern_return: 57, mach_msg: 42, mig: 10,
  mach_exception: 13, exc_bad_access: 12, machine_code: 45, x86_trap: 22, exc_guard: 7, guard_mach_port: 30,
  guard_fd: 7, guard_vn: 7, guard_virt_memory: 10, exc_resource: 6, esr_class: 35, esr_fsc: 21, brk: 22,
  os_reason: 43, os_reason_flags: 13, os_reason_code: 51, jetsam: 19, jetsam_band: 22, termination: 15,
  signal: 31, si_code: 45, panic_flags: 44, coprocessor: 14, kernel_triage: 86, shutdown_cause: 6, sysext: 13,
};

/** First and last row of every table, by name. */
const ENDS: Record<TableId, [string, string]> = {
  number_family: ['IOReturn', 'MIG_*'],
  mach_error_system: ['err_kern', 'sys_iokit'],
  iokit_subsystem: ['sub_iokit_common', 'sub_iokit_reserved'],
  ioreturn: ['kIOReturnSuccess', 'kIOReturnNotFound'],
  iokit_family: ['iokit/usb 0x001', 'iokit/bluetooth 0x004'],
  osreturn: ['kOSReturnError', 'kOSKextReturnKCLoadFailureAuxKC'],
  kern_return: ['KERN_SUCCESS', 'KERN_NOT_FOUND'],
  mach_msg: ['MACH_MSG_SUCCESS', 'MACH_RCV_INVALID_ARGUMENTS'],
  mach_msg_flags: ['MACH_MSG_IPC_SPACE', 'MACH_MSG_VM_KERNEL'],
  mig: ['MIG_TYPE_ERROR', 'MIG_TRAILER_ERROR'],
  mach_exception: ['EXC_BAD_ACCESS', 'EXC_CORPSE_NOTIFY'],
  exception_behavior: ['EXCEPTION_DEFAULT', 'MACH_EXCEPTION_CODES'],
  exc_bad_access: ['KERN_INVALID_ADDRESS', 'VM_PROT_READ|VM_PROT_EXECUTE'],
  machine_code: ['EXC_ARM_UNDEFINED', 'EXC_I386_ENOEXTFLT'],
  x86_trap: ['T_DIVIDE_ERROR', 'T_PREEMPT'],
  x86_page_fault_bits: ['T_PF_PROT', 'T_PF_EXECUTE'],
  exc_software: ['EXC_UNIX_BAD_SYSCALL', 'hardware'],
  exc_crash: ['EXC_CRASH', 'EXC_CORPSE_NOTIFY'],
  exc_guard: ['GUARD_TYPE_NONE', 'GUARD_TYPE_REJECTED_SC'],
  guard_mach_port: ['kGUARD_EXC_DESTROY', 'kGUARD_EXC_REQUIRE_REPLY_PORT_SEMANTICS'],
  guard_mpg_flags: ['MPG_FLAGS_NONE', 'MPG_FLAGS_IMMOVABLE_PINNED'],
  guard_fd: ['kGUARD_EXC_CLOSE', 'kGUARD_EXC_WRITE'],
  guard_vn: ['kGUARD_EXC_RENAME_TO', 'kGUARD_EXC_EXCHDATA'],
  guard_virt_memory: ['kGUARD_EXC_DEALLOC_GAP', 'kGUARD_EXC_SEC_ASYNC_ACCESS_FAULT'],
  exc_resource: ['RESOURCE_TYPE_CPU', 'RESOURCE_TYPE_PORTS'],
  exc_resource_flavor: ['FLAVOR_CPU_MONITOR', 'FLAVOR_PORT_SPACE_FULL'],
  exception_signal: ['SIGSEGV', 'SIGSYS'],
  esr_class: ['ESR_EC_UNCATEGORIZED', 'ESR_EC_BRK_AARCH64'],
  esr_fsc: ['FSC_TRANSLATION_FAULT_L0', 'FSC_DEBUG_FAULT'],
  brk: ['CLANG_X86_TRAP_START', 'PTRAUTH'],
  os_reason: ['OS_REASON_INVALID', 'OS_REASON_ARKIT'],
  os_reason_flags: ['OS_REASON_FLAG_NO_CRASH_REPORT', 'OS_REASON_FLAG_SECURITY_SENSITIVE'],
  os_reason_code: ['CODESIGNING_EXIT_REASON_TASKGATED_INVALID_SIG', 'SKYWALK_KILL_REASON_RX_SYNC'],
  exit_reason_log: ['pid %d exited -- exit reason namespace %d subcode 0x%llx, description %s', '[%s: killed] sending signal %d and force exiting process'],
  jetsam: ['JETSAM_REASON_INVALID', 'JETSAM_REASON_CPULIMIT'],
  jetsam_history: ['vm-thrashing', 'diagnostic'],
  jetsam_band: ['JETSAM_PRIORITY_IDLE_HEAD', 'JETSAM_PRIORITY_INTERNAL'],
  memorystatus: ['kMemorystatusLevelNote', 'kMemorystatusFreezeSkipReasonElevated'],
  termination: ['0x8badf00d (ate bad food)', '0xbaaaaaad'],
  signal: ['SIGHUP', 'SIGUSR2'],
  si_code: ['ILL_NOOP', 'SI_MESGQ'],
  panic: ['panic(cpu %u caller 0x%lx): ', 'userspace watchdog timeout: no successful checkins from <service>'],
  panic_flags: ['EMBEDDED_PANIC_HEADER_FLAG_COREDUMP_COMPLETE', 'RB_PANIC_FORCERESET'],
  coprocessor: ['RTKit', 'SEP'],
  kernel_triage: ['KDBG_TRIAGE_VM_PREFIX', 'KDBG_TRIAGE_CORPSE_DISABLED_FOR_PROC'],
  shutdown_cause: ['shutdown cause 5', 'shutdown cause -128'],
  sysext: ['OSSystemExtensionErrorUnknown', 'OSSystemExtensionErrorAuthorizationRequired'],
};

describe('code tables (codes/*.json)', () => {
  const ajv = new Ajv({ allErrors: true });
  const check = ajv.compile(CODE_TABLE_SCHEMA);

  it('has one file per table id and nothing else', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...TABLE_IDS].sort());
  });

  it.each(files)('%s validates against codes/schema.json and is named for its id', (f) => {
    const data = JSON.parse(readFileSync(new URL(f, codesDir), 'utf8')) as { id: string; rows: unknown[] };
    expect(check(data), JSON.stringify(check.errors)).toBe(true);
    expect(`${data.id}.json`).toBe(f);
  });

  it('keeps schema.json, the generated validator and the generated tables module in step (npm run codes:build)', () => {
    expect(readFileSync(new URL('schema.json', codesDir), 'utf8')).toBe(renderCodeSchemaJson());
    expect(readFileSync(new URL('../../src/codes/generated/code-validator.ts', import.meta.url), 'utf8')).toBe(renderCodeValidatorSource());
    expect(readFileSync(new URL('../../src/codes/generated/tables.ts', import.meta.url), 'utf8')).toBe(renderTablesModule());
  });

  it.each(Object.entries(ROWS))('%s holds every row of its CODES.md table (%i)', (id, n) => {
    expect(codeTable(id as TableId).rows).toHaveLength(n);
  });

  it.each(TABLE_IDS.map((id) => [id] as const))('%s: first and last rows are found by value and by name', (id) => {
    const t = codeTable(id);
    const [first, last] = ENDS[id];
    const rows = [t.rows[0], t.rows[t.rows.length - 1]];
    expect(rows.map((r) => r?.name)).toEqual([first, last]);
    for (const r of rows) {
      if (!r) continue;
      expect(t.byName(r.name, r.scope)?.name).toBe(r.name);
      if (r.value !== undefined) {
        const v = r.value.startsWith('-') ? -BigInt(r.value.slice(1)) : BigInt(r.value);
        expect(t.byValue(v, r.scope)?.value).toBe(r.value);
      }
    }
  });

  it('every row with a value is unique within its scope, except the aliases CODES.md lists', () => {
    const dupes: string[] = [];
    for (const id of TABLE_IDS) {
      const seen = new Set<string>();
      for (const r of codeTable(id).rows) {
        if (r.value === undefined) continue;
        const key = `${r.scope ?? ''}/${BigInt(r.value)}`;
        if (seen.has(key)) dupes.push(`${id} ${key} ${r.name}`);
        seen.add(key);
      }
    }
    // brk and MPG flags share values on purpose (range markers, per-flavor flag meanings); jetsam history repeats per xnu tag; EXC_BAD_ACCESS becomes SIGSEGV or SIGBUS.
    expect(dupes.filter((d) => !/^(brk|guard_mpg_flags|jetsam_history|exception_signal) /.test(d))).toEqual([]);
  });

  it('carries a cause and next steps for every termination code, jetsam cause, guard type and resource type', () => {
    for (const id of ['termination', 'jetsam', 'sysext', 'coprocessor'] as const) {
      for (const r of codeTable(id).rows) expect([id, r.name, !!r.cause, (r.nextSteps ?? []).length > 0]).toEqual([id, r.name, true, true]);
    }
    for (const r of codeTable('exc_guard').rows.filter((r) => r.name !== 'GUARD_TYPE_NONE')) expect([r.name, !!r.cause, !!r.nextSteps]).toEqual([r.name, true, true]);
    for (const r of codeTable('exc_resource').rows) expect([r.name, !!r.nextSteps]).toEqual([r.name, true]);
    for (const id of ['guard_mach_port', 'guard_fd', 'guard_vn', 'guard_virt_memory', 'exc_resource_flavor'] as const) {
      for (const r of codeTable(id).rows) expect([id, r.name, !!r.cause]).toEqual([id, r.name, true]);
    }
  });
});
