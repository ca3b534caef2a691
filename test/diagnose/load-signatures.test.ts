import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSignatureFile, loadSignatureSet } from '../../src/diagnose/load-signatures.js';
import { builtinSignatures, loadSignatures, readSignatureFiles } from '../../src/diagnose/read-signatures.js';
import { unsafePatternReason } from '../../src/diagnose/compile-rules.js';
import { renderSchemaJson, renderValidatorSource } from '../../scripts/signature-validator-source.js';
import { repoRoot } from '../helpers/diagnose.js';

const good = {
  id: 'my-dext-timeout',
  title: 'My dext timed out',
  category: 'driverkit',
  kinds: ['kernel-log'],
  confidence: 0.8,
  match: { any: [{ field: 'event.message', pattern: 'AcmeDev timed out' }] },
  causes: ['firmware'],
  nextSteps: ['update firmware'],
  references: ['https://example.com/kb/1'],
};

describe('built-in signatures', () => {
  const { signatures, errors } = builtinSignatures();
  const ids = signatures.map((s) => s.signature.id);

  it('load without errors and cover the 66 catalogued failures', () => {
    expect(errors).toEqual([]);
    expect(signatures.filter((s) => s.signature.catalog).length).toBe(66);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carry the catalog ids exactly', () => {
    for (const id of [
      'dk-uioserver-invoke-onqueue-assert', 'dk-dext-crash-loop', 'dk-pci-clientcrashed-no-open-session', 'dk-queue-for-object-assert',
      'dk-setpowerstate-ack-timeout-panic', 'panic-userspace-watchdog', 'panic-watchdogd-no-checkins', 'panic-kernel-data-abort-arm64',
      'panic-x86-kernel-trap', 'exc-bad-access-null', 'watchdog-8badf00d', 'exc-breakpoint-swift-runtime', 'dyld-library-missing',
    ]) expect(ids).toContain(id);
    const catalog = signatures.map((s) => s.signature.catalog).filter(Boolean);
    expect(new Set(catalog).size).toBe(catalog.length);
  });

  it('supersede only signatures that exist', () => {
    for (const s of signatures) for (const other of s.signature.supersedes ?? []) expect(ids, `${s.signature.id} supersedes ${other}`).toContain(other);
  });

  it('put the personality fix first for the founding case', () => {
    const s = signatures.find((x) => x.signature.id === 'dk-uioserver-invoke-onqueue-assert')?.signature;
    expect(s?.nextSteps[0]).toMatch(/IOClass to IOUserSCSIParallelInterfaceController/);
    expect(s?.nextSteps[0]).toMatch(/CFBundleIdentifierKernel to com\.apple\.iokit\.IOSCSIParallelFamily/);
  });
});

describe('loadSignatureFile', () => {
  it('accepts a valid user file', () => {
    const res = loadSignatureFile({ signatures: [good] }, 'mine.json');
    expect(res.errors).toEqual([]);
    expect(res.signatures[0]?.signature.id).toBe('my-dext-timeout');
  });

  it('reports a bad file with its path, the JSON pointer and the broken rule', () => {
    const bad = { signatures: [good, { ...good, id: 'Bad_Id', confidence: 2, match: { any: [{ field: 'nope', pattern: 'x' }] } }] };
    const res = loadSignatureFile(bad, 'user/bad.json');
    expect(res.signatures).toEqual([]);
    const byPointer = Object.fromEntries(res.errors.map((e) => [e.pointer, e.message]));
    expect(res.errors.every((e) => e.path === 'user/bad.json')).toBe(true);
    expect(byPointer['/signatures/1/id']).toMatch(/pattern/);
    expect(byPointer['/signatures/1/confidence']).toMatch(/maximum|<= 1/);
    expect(byPointer['/signatures/1/match/any/0/field']).toMatch(/must be one of "panic.message"/);
    // The {all}/{any} branches of the rule union do not bury the real reason.
    expect(res.errors.some((e) => /unknown property "field"/.test(e.message))).toBe(false);
  });

  it('names a missing required property', () => {
    const { title: _t, ...noTitle } = good;
    const res = loadSignatureFile({ signatures: [noTitle] }, 'x.json');
    expect(res.errors).toContainEqual({ path: 'x.json', pointer: '/signatures/0', message: 'missing required property "title"' });
  });

  it('refuses regexes that do not compile or could backtrack catastrophically', () => {
    const res = loadSignatureFile(
      { signatures: [{ ...good, match: { all: [{ field: 'asi', pattern: '(a+)+$' }], any: [{ field: 'asi', pattern: '([a-z' }] } }] },
      'x.json',
    );
    expect(res.signatures).toEqual([]);
    expect(res.errors.map((e) => e.pointer)).toEqual(['/signatures/0/match/all/0/pattern', '/signatures/0/match/any/0/pattern']);
    expect(res.errors[0]?.message).toMatch(/nested quantifier/);
    expect(res.errors[1]?.message).toMatch(/invalid regex/);
  });

  it('flags a repeated id within one file, and lets a later file override a built-in id', () => {
    const dup = loadSignatureSet([{ name: 'a.json', value: { signatures: [good, good] } }]);
    expect(dup.errors).toEqual([{ path: 'a.json', pointer: '/signatures/1/id', message: 'duplicate id "my-dext-timeout" in this file' }]);
    const over = loadSignatureSet([
      { name: 'a.json', value: { signatures: [good] } },
      { name: 'b.json', value: { signatures: [{ ...good, title: 'Overridden' }] } },
    ]);
    expect(over.signatures.map((s) => s.signature.title)).toEqual(['Overridden']);
  });
});

describe('unsafePatternReason', () => {
  it.each(['(a+)+', '(\\w*x)*', '(?:ab+){2,}', '(a)\\1', '\\S+::setPowerState', 'x|.*y', '[^:]+: z'])('refuses %s', (p) => expect(unsafePatternReason(p)).toBeDefined());
  it.each(['Kernel data abort\\. at pc 0x[0-9a-f]+', '(ok|fail)', '(?: : 0x[0-9a-f]+)?', 'a{1,4}b', 'DK: \\S+ failed', '\\S{1,200}::x'])('accepts %s', (p) =>
    expect(unsafePatternReason(p)).toBeUndefined());
});

describe('reading folders', () => {
  it('reports a missing folder and invalid JSON as errors, not exceptions', () => {
    expect(readSignatureFiles(`${repoRoot}no-such-dir`).errors[0]?.message).toBe('no such file or folder');
    const res = loadSignatures([`${repoRoot}test/fixtures/signatures-user/broken`]);
    expect(res.errors.some((e) => e.path.endsWith('not-json.json') && /not valid JSON/.test(e.message))).toBe(true);
  });
});

describe('generated artefacts are up to date (run npm run signatures:schema after editing the schema)', () => {
  it('signatures/schema.json', () => {
    expect(readFileSync(`${repoRoot}signatures/schema.json`, 'utf8')).toBe(renderSchemaJson());
  });
  it('src/diagnose/generated/signature-validator.ts', () => {
    expect(readFileSync(`${repoRoot}src/diagnose/generated/signature-validator.ts`, 'utf8')).toBe(renderValidatorSource());
  });
});
