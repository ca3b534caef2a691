/**
 * JSON Schema (draft-07) of a code table file (codes/<id>.json). codes/schema.json is this object
 * written out by scripts/build-code-tables.ts; test/codes/tables.test.ts keeps the two identical.
 */

/** Ids of the tables in codes/: one file each. */
export const TABLE_IDS = [
  'number_family',
  'mach_error_system',
  'iokit_subsystem',
  'ioreturn',
  'iokit_family',
  'osreturn',
  'kern_return',
  'mach_msg',
  'mach_msg_flags',
  'mig',
  'mach_exception',
  'exception_behavior',
  'exc_bad_access',
  'machine_code',
  'x86_trap',
  'x86_page_fault_bits',
  'exc_software',
  'exc_crash',
  'exc_guard',
  'guard_mach_port',
  'guard_mpg_flags',
  'guard_fd',
  'guard_vn',
  'guard_virt_memory',
  'exc_resource',
  'exc_resource_flavor',
  'exception_signal',
  'esr_class',
  'esr_fsc',
  'brk',
  'os_reason',
  'os_reason_flags',
  'os_reason_code',
  'exit_reason_log',
  'jetsam',
  'jetsam_history',
  'jetsam_band',
  'memorystatus',
  'termination',
  'signal',
  'si_code',
  'panic',
  'panic_flags',
  'coprocessor',
  'kernel_triage',
  'shutdown_cause',
  'sysext',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

const NUMBER = { type: 'string', pattern: '^-?(0x[0-9a-f]{1,16}|[0-9]{1,20})$' };
const TEXT = { type: 'string', minLength: 1, maxLength: 400 };
const FIELDS = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['name', 'shift', 'bits'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 60 },
      shift: { type: 'integer', minimum: 0, maximum: 63 },
      bits: { type: 'integer', minimum: 1, maximum: 64 },
    },
  },
};

export const CODE_TABLE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://paniclens.dev/schemas/codes.json',
  title: 'paniclens code table',
  type: 'object',
  required: ['id', 'title', 'source', 'rows'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    id: { enum: [...TABLE_IDS] },
    title: TEXT,
    /** Where the table was transcribed from (CODES.md section and its primary source). */
    source: TEXT,
    /** Bit fields of the packed number this table decodes (e.g. EXC_GUARD code: type, flavor, target). */
    layout: FIELDS,
    rows: { type: 'array', items: { $ref: '#/definitions/row' } },
  },
  definitions: {
    row: {
      type: 'object',
      required: ['name', 'meaning'],
      additionalProperties: false,
      properties: {
        /** The number: lower-case 0x hex or decimal, as a string (64-bit values do not fit JSON numbers). */
        value: NUMBER,
        /** Inclusive end of a range of values starting at `value`. */
        max: NUMBER,
        /** What the value is relative to: a namespace, signal, exception, resource type, sub-system, architecture. */
        scope: { type: 'string', minLength: 1, maxLength: 120 },
        /** Symbolic name. */
        name: TEXT,
        /** Other names the same row is printed under. */
        aliases: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 120 } },
        /** One-line meaning. */
        meaning: TEXT,
        /** The text the system prints for it (mach_error_string, the kernel's string, sys_siglist, a format string). */
        text: TEXT,
        /** Longer detail: where it is set, what the other fields hold. */
        detail: TEXT,
        note: TEXT,
        /** Guard flavors: fatal, optional (fatal for hardened processes) or soft. */
        class: { enum: ['fatal', 'optional', 'soft'] },
        /** The signal the exception or code usually becomes. */
        signal: TEXT,
        /** Literal pieces of a printed format string, in order: a message matches when it holds them all in order. */
        fragments: { type: 'array', minItems: 1, items: { type: 'string', minLength: 3, maxLength: 200 } },
        /** Bit fields of the code (and subcode) a row of a packed family carries. */
        fields: FIELDS,
        subcodeFields: FIELDS,
        /** Known only from community write-ups, not from Apple's sources. */
        community: { const: true },
        /** Why this happens, for a diagnosis built from the table. */
        cause: TEXT,
        nextSteps: { type: 'array', minItems: 1, items: TEXT },
        /** What the code means when a DriverKit extension reports it (IOReturn). */
        dext: TEXT,
      },
    },
  },
} as const;
