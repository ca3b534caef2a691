/**
 * Generates src/diagnose/generated/signature-validator.ts (ajv standalone code) and
 * signatures/schema.json from src/diagnose/signature-schema.ts. Compiling the schema at startup
 * cost ~45 ms; the generated validator loads in well under 1 ms.
 * Run after editing the schema: npm run signatures:schema. A test fails when the outputs are stale.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderValidatorSource, renderSchemaJson } from './signature-validator-source.js';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}src/diagnose/generated`, { recursive: true });
writeFileSync(`${root}src/diagnose/generated/signature-validator.ts`, renderValidatorSource());
writeFileSync(`${root}signatures/schema.json`, renderSchemaJson());
console.log('wrote src/diagnose/generated/signature-validator.ts and signatures/schema.json');
