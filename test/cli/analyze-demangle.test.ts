import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface Doc { reports: { threads: { frames: { symbol?: string; rawSymbol?: string }[] }[] }[] }

const fixture = 'test/fixtures/demangle/swift-frames.ips';
const frames = (stdout: string): { symbol?: string; rawSymbol?: string }[] =>
  (JSON.parse(stdout) as Doc).reports[0]?.threads[0]?.frames ?? [];

describe('paniclens analyze: demangling', () => {
  it('shows Swift and C++ frames the way atos does and keeps the raw name beside them', () => {
    const r = runCli(['analyze', '--format', 'json', fixture]);
    expect(r.status).toBe(0);
    const f = frames(r.stdout);
    expect(f.map((x) => x.symbol)).toEqual([
      'closure #1 in Forecast.reload(force:)',
      'partial apply for closure #1 in Forecast.reload(force:)',
      'thunk for @escaping @callee_guaranteed () -> ()',
      'weather::Cache::lookup(std::__1::basic_string<char, std::__1::char_traits<char>, std::__1::allocator<char> > const&) const',
      '_dispatch_call_block_and_release',
      '-[NSApplication run]',
    ]);
    expect(f[0]?.rawSymbol).toBe('$s7Weather8ForecastC6reload5forceySb_tFyycfU_');
    expect(f[4]?.rawSymbol).toBeUndefined();
  });

  it('--no-demangle keeps the names as the log wrote them', () => {
    const r = runCli(['analyze', '--no-demangle', '--format', 'json', fixture]);
    expect(r.status).toBe(0);
    const f = frames(r.stdout);
    expect(f[0]?.symbol).toBe('$s7Weather8ForecastC6reload5forceySb_tFyycfU_');
    expect(f.every((x) => x.rawSymbol === undefined)).toBe(true);
  });
});
