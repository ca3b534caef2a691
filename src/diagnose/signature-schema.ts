/**
 * JSON Schema (draft-07) of a signature file. signatures/schema.json is this object written out
 * (test/diagnose/schema-file.test.ts keeps the two identical), so editors can validate while typing.
 */
import { FIELDS } from './types.js';

const KINDS = ['crash', 'panic', 'jetsam', 'stackshot', 'kernel-log', 'other'];

export const SIGNATURE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://paniclens.dev/schemas/signatures.json',
  title: 'paniclens signature file',
  type: 'object',
  required: ['signatures'],
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    description: { type: 'string' },
    signatures: { type: 'array', items: { $ref: '#/definitions/signature' } },
  },
  definitions: {
    text: { type: 'string', minLength: 1, maxLength: 600 },
    rule: {
      oneOf: [{ $ref: '#/definitions/leaf' }, { $ref: '#/definitions/all' }, { $ref: '#/definitions/any' }],
    },
    rules: { type: 'array', minItems: 1, maxItems: 40, items: { $ref: '#/definitions/rule' } },
    leaf: {
      type: 'object',
      required: ['field'],
      additionalProperties: false,
      anyOf: [{ required: ['pattern'] }, { required: ['lt'] }],
      properties: {
        field: { enum: [...FIELDS] },
        pattern: { type: 'string', minLength: 1, maxLength: 400 },
        flags: { const: 'i' },
        lt: { type: 'string', pattern: '^(0x[0-9a-fA-F]{1,16}|[0-9]{1,19})$' },
      },
    },
    all: {
      type: 'object',
      required: ['all'],
      additionalProperties: false,
      properties: { all: { $ref: '#/definitions/rules' } },
    },
    any: {
      type: 'object',
      required: ['any'],
      additionalProperties: false,
      properties: { any: { $ref: '#/definitions/rules' } },
    },
    signature: {
      type: 'object',
      required: ['id', 'title', 'category', 'kinds', 'confidence', 'match', 'causes', 'nextSteps', 'references'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 },
        title: { $ref: '#/definitions/text' },
        category: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
        kinds: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: KINDS } },
        confidence: { type: 'number', minimum: 0, maximum: 1 },
        catalog: { type: 'string', pattern: '^[A-Z][0-9]{2}$' },
        match: {
          type: 'object',
          additionalProperties: false,
          anyOf: [{ required: ['all'] }, { required: ['any'] }],
          properties: {
            all: { $ref: '#/definitions/rules' },
            any: { $ref: '#/definitions/rules' },
            none: { $ref: '#/definitions/rules' },
          },
        },
        supporting: { $ref: '#/definitions/rules' },
        grouping: { type: 'boolean' },
        supersedes: { type: 'array', items: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' } },
        causes: { type: 'array', minItems: 1, items: { $ref: '#/definitions/text' } },
        nextSteps: { type: 'array', minItems: 1, items: { $ref: '#/definitions/text' } },
        references: { type: 'array', items: { type: 'string', pattern: '^https?://\\S+$' } },
      },
    },
  },
} as const;
