/**
 * Generates, from codes/*.json and src/codes/code-schema.ts: codes/schema.json,
 * src/codes/generated/code-validator.ts (ajv standalone code, no schema compile at startup) and
 * src/codes/generated/tables.ts (the tables as JSON strings for the browser-safe core).
 * Run after editing a table or the schema: npm run codes:build. A test fails when the outputs are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderCodeSchemaJson, renderCodeValidatorSource, renderTablesModule, root } from './code-tables-source.js';

mkdirSync(new URL('src/codes/generated/', root), { recursive: true });
writeFileSync(new URL('codes/schema.json', root), renderCodeSchemaJson());
writeFileSync(new URL('src/codes/generated/code-validator.ts', root), renderCodeValidatorSource());
writeFileSync(new URL('src/codes/generated/tables.ts', root), renderTablesModule());
console.log('wrote codes/schema.json, src/codes/generated/code-validator.ts and src/codes/generated/tables.ts');
