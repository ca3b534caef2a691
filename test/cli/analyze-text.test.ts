import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { useColor } from '../../src/cli/analyze.js';

const FOUNDING = 'samples/founding-case/';
const count = (text: string, needle: string): number => text.split(needle).length - 1;

describe('paniclens analyze: the terminal report says it once', () => {
  const r = runCli(['analyze', FOUNDING]);

  it('leads with the incident: what happened, the likely cause with confidence, the culprit, next steps', () => {
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Incident: com.example.driver.SCSIController crash loop: 5 crashes over 5 min 20 s');
    const cause = lines.findIndex((l) => l.startsWith('  Likely cause: DriverKit runtime assertion in OSMetaClassBase::Invoke'));
    expect(cause).toBeGreaterThan(0);
    expect(lines[cause]).toMatch(/— 99% confidence$/);
    expect(lines[cause + 1]).toBe('  Culprit:      com.example.driver.SCSIController 1.4.2 (142) — DriverKit extension');
    expect(r.stdout.indexOf('Next steps:')).toBeLessThan(r.stdout.indexOf('com.example.driver.SCSIController crashed (EXC_CRASH / SIGABRT)'));
  });

  it('prints the diagnosis, its causes and next steps once, not again per report', () => {
    expect(count(r.stdout, 'Likely cause:')).toBe(1);
    expect(count(r.stdout, 'Create and SetDispatchQueue every QUEUENAME queue')).toBe(1);
    expect(count(r.stdout, 'QUEUENAME queues declared in the .iig')).toBe(1);
    expect(count(r.stdout, 'part of incident 1 above')).toBe(2);
  });

  it('gives each report its own facts, its own evidence and its crashed thread', () => {
    const crash = r.stdout.slice(r.stdout.indexOf('com.example.driver.SCSIController crashed'), r.stdout.indexOf('Kernel log excerpt'));
    expect(crash).toContain('  System:       macOS 14.5 (23F79), Mac14,13, arm64');
    expect(crash).toContain("  Its evidence for the incident's likely cause:");
    expect(crash).toContain('Thread 0 (com.example.driver.SCSIController.default) crashed (top 8 of 17 frames):');
    expect(crash).not.toContain('line 13: Driver com.example.driver.SCSIController has crashed 1 time(s)');
    const log = r.stdout.slice(r.stdout.indexOf('Kernel log excerpt'));
    expect(log).toContain('    - line 13: Driver com.example.driver.SCSIController has crashed 1 time(s)');
    // A line quoted as evidence is not listed again among the DriverKit lines.
    expect(count(log, 'line 13:')).toBe(1);
  });

  it('ends with exactly one newline and has no colour off a terminal', () => {
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.endsWith('\n\n')).toBe(false);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('--verbose shows every candidate diagnosis with all its evidence and every frame', () => {
    const v = runCli(['analyze', '--verbose', FOUNDING]);
    expect(v.status).toBe(0);
    for (const title of ['Candidate 2: DriverKit extension crash loop', 'Candidate 3: Dext died before opening its PCI device', 'Candidate 4: Kernel-side start of a dext service']) {
      expect(v.stdout).toContain(title);
    }
    expect(v.stdout).toContain('[applicationSpecific[0]]');
    expect(v.stdout).toContain('Thread 0 (com.example.driver.SCSIController.default) crashed:');
    expect(v.stdout).toMatch(/\| 16 \|/);
    expect(v.stdout.split('\n').length).toBeGreaterThan(r.stdout.split('\n').length);
  });
});

describe('colour', () => {
  it('is used only on a terminal, never with NO_COLOR or --no-color', () => {
    expect(useColor(true, true, {})).toBe(true);
    expect(useColor(true, false, {})).toBe(false);
    expect(useColor(false, true, {})).toBe(false);
    expect(useColor(true, true, { NO_COLOR: '1' })).toBe(false);
    // no-color.org: an empty NO_COLOR does not count.
    expect(useColor(true, true, { NO_COLOR: '' })).toBe(true);
  });
});
