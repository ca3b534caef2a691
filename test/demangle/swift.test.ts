import { describe, expect, it } from 'vitest';
import { demangle } from '../../src/demangle/index.js';

// Names mangled by hand for an imaginary "Weather" app, following the grammar in SWIFT-MANGLING.md.
const cases: [string, string, string][] = [
  ['$s7Weather8ForecastC6reload5forceySb_tF',
    'Weather.Forecast.reload(force: Swift.Bool) -> ()', 'Forecast.reload(force:)'],
  ['$s7Weather8ForecastC6reload5forceySb_tFyycfU_',
    'closure #1 () -> () in Weather.Forecast.reload(force: Swift.Bool) -> ()', 'closure #1 in Forecast.reload(force:)'],
  ['$s7Weather8ForecastC6reload5forceySb_tFyycfU_TA',
    'partial apply forwarder for closure #1 () -> () in Weather.Forecast.reload(force: Swift.Bool) -> ()',
    'partial apply for closure #1 in Forecast.reload(force:)'],
  ['_$s7Weather8ForecastC4tempSdvg', 'Weather.Forecast.temp.getter : Swift.Double', 'Forecast.temp.getter'],
  ['$s7Weather8ForecastCACycfC', 'Weather.Forecast.__allocating_init() -> Weather.Forecast', 'Forecast.__allocating_init()'],
  ['$s7Weather14ViewControllerC14viewWillAppearyySbFTo',
    '@objc Weather.ViewController.viewWillAppear(Swift.Bool) -> ()', '@objc ViewController.viewWillAppear(_:)'],
  ['$s7Weather8ForecastC6reload5forceySb_tF.cold.1',
    'Weather.Forecast.reload(force: Swift.Bool) -> () with unmangled suffix ".cold.1"', 'Forecast.reload(force:)'],
  ['$s7Weather8ForecastC5startyyFZTf4d_n',
    'function signature specialization <Arg[0] = Dead> of static Weather.Forecast.start() -> ()',
    'specialized static Forecast.start()'],
];

describe('Swift demangling', () => {
  for (const [mangled, full, simplified] of cases) {
    it(`demangles ${mangled}`, () => {
      expect(demangle(mangled, { style: 'full' })).toBe(full);
      expect(demangle(mangled, { style: 'simplified' })).toBe(simplified);
    });
  }

  it('uses the simplified (atos) style by default', () => {
    expect(demangle('$s7Weather8ForecastC4tempSdvg')).toBe('Forecast.temp.getter');
  });

  it('returns names it cannot parse unchanged', () => {
    for (const n of ['$s', '$s8Weather', '$s7WeatherC', '$sZZZ', '_T0Tk', '$s7Weather8ForecastC4tempSdvQ']) {
      expect(demangle(n, { style: 'full' })).toBe(n);
    }
  });

  it('returns deeply nested hostile input unchanged without overflowing the stack', () => {
    const deep = `$sSi${'Sg'.repeat(3000)}D`;
    expect(demangle(deep, { style: 'full' })).toBe(deep);
  });

  it('rejects huge repeat counts and numbers', () => {
    for (const n of ['$sS9999iD', '$s99999999999999999999aD', `$s${'A'.repeat(100)}`]) {
      expect(demangle(n)).toBe(n);
    }
  });

  it('bounds the work on long hostile input', () => {
    const long = `$s${'1a'.repeat(4000)}Q`;
    const t = performance.now();
    expect(demangle(long)).toBe(long);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('Swift demangling: malformed names', () => {
  it('does not run leftover pieces of a malformed name together', () => {
    // An extra `y` leaves the labels and the name unattached: the reference would print "…Forecastmergewith.into(…)".
    const bad = '$s7Weather8ForecastC5merge4with4intoSdySi_SdtF';
    expect(demangle(bad, { style: 'full' })).toBe(bad);
    expect(demangle(bad)).toBe(bad);
  });
});

describe('Swift demangling: C names that look like old Swift manglings', () => {
  it('leaves nlist names of C functions starting with T unchanged', () => {
    // `TSVInitialize` → nlist `_TSVInitialize`; the reference reads it as `Swift.UnsafeRawPointer` + suffix.
    for (const n of ['_TSVInitialize', '_TSSWrite', '_TPAFoo', '_TIFFReadDirectory', '_TaskCreate', '_TSS']) {
      expect(demangle(n, { style: 'full' })).toBe(n);
    }
  });

  it('still demangles Objective-C runtime names of Swift classes', () => {
    expect(demangle('_TtC7Weather14ViewController', { style: 'full' })).toBe('Weather.ViewController');
    expect(demangle('_TtC7Weather14ViewController')).toBe('ViewController');
  });
});
