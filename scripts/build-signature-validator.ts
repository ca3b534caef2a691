/**
 * Generates src/diagnose/generated/signature-validator.ts (ajv standalone code) and
 * signatures/schema.json from src/diagnose/signature-schema.ts. Compiling the schema at startup
 * cost ~45 ms; the generated validator loads in well under 1 ms.
 * Also src/diagnose/generated/builtin-signatures.ts (hashes of the built-in files that validated, so
 * start-up does not validate them again). Run after editing the schema or a built-in signature
 * file: npm run signatures:schema. A test fails when the outputs are stale.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderBuiltinSignaturesSource, renderValidatorSource, renderSchemaJson } from './signature-validator-source.js';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}src/diagnose/generated`, { recursive: true });
writeFileSync(`${root}src/diagnose/generated/signature-validator.ts`, renderValidatorSource());
writeFileSync(`${root}signatures/schema.json`, renderSchemaJson());
writeFileSync(`${root}src/diagnose/generated/builtin-signatures.ts`, renderBuiltinSignaturesSource());
console.log('wrote src/diagnose/generated/signature-validator.ts, src/diagnose/generated/builtin-signatures.ts and signatures/schema.json');
