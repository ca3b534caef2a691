import { describe, expect, it } from 'vitest';
import { emptyReport } from '../../src/model/report.js';
import { renderJson, renderMarkdown, renderText } from '../../src/report/index.js';

function result() {
  const r = emptyReport({ path: 'crash.ips', format: 'ips', bugType: '309' }, 'crash');
  r.process = { name: 'Lumen' };
  r.exception = { type: 'EXC_BAD_ACCESS', signal: 'SIGSEGV' };
  r.diagnoses = [
    {
      id: 'fact-fault-in-image',
      title: 'Invalid memory access in _platform_memmove (libsystem_platform.dylib)',
      category: 'fact',
      confidence: 0.45,
      evidence: [],
      causes: ['The fault happened in _platform_memmove (libsystem_platform.dylib) called from copyFrame (Lumen).'],
      nextSteps: [],
      references: [],
      culprit: { kind: 'image', name: 'libsystem_platform.dylib', role: 'faulting', apple: true },
      implicated: [{ kind: 'app-image', name: 'Lumen', bundleId: 'com.example.lumen', role: 'implicated', apple: false, reason: 'third-party code on the crashed thread that called into libsystem_platform.dylib' }],
    },
  ];
  return { reports: [r], incidents: [] };
}

describe('culprit and implicated modules in every output format', () => {
  it('text says which module the fault happened in and which one is implicated', () => {
    const out = renderText(result(), { color: false });
    expect(out).toContain("Culprit:   libsystem_platform.dylib — the fault happened in its code (Apple's)");
    expect(out).toContain('Implicated: Lumen (com.example.lumen) — implicated: third-party code on the crashed thread');
  });

  it('Markdown lists both under Culprit', () => {
    const out = renderMarkdown(result());
    expect(out).toContain("- libsystem_platform.dylib — the fault happened in its code (Apple's)");
    expect(out).toContain('- Lumen (com.example.lumen) — implicated: third-party code');
  });

  it('JSON carries role, owner and reason', () => {
    const json = JSON.parse(renderJson(result())) as { reports: { diagnoses: { culprit: unknown; implicated: unknown[] }[] }[] };
    const d = json.reports[0]?.diagnoses[0];
    expect(d?.culprit).toMatchObject({ role: 'faulting', apple: true });
    expect(d?.implicated[0]).toMatchObject({ role: 'implicated', apple: false, reason: expect.stringMatching(/^third-party code/) });
  });
});
