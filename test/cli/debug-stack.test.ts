import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mappedStack } from '../../src/cli/debug-stack.js';

const bundle = fileURLToPath(new URL('../../dist/cli/paniclens.cjs', import.meta.url));

/** 1-based line and column of the first occurrence of `text` in the bundle. */
function positionOf(text: string): { line: number; column: number } {
  const src = readFileSync(bundle, 'latin1');
  const at = src.indexOf(text);
  expect(at).toBeGreaterThan(0);
  const before = src.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

describe('--debug stack traces of the minified bundle', () => {
  it('maps a frame in the bundle back to its source file and line', () => {
    const { line, column } = positionOf('Turn Apple panic and crash logs into a likely-cause report');
    const stack = `Error: boom\n    at xQ (${bundle}:${line}:${column})\n    at node:internal/main/run_main_module:28:49`;
    const out = mappedStack(stack, bundle).split('\n');
    expect(out[0]).toBe('Error: boom');
    expect(out[1]).toMatch(/^ {4}at xQ \(.*[/\\]src[/\\]cli[/\\]main\.ts:\d+:\d+\)$/);
    const srcLine = Number(/main\.ts:(\d+):/.exec(out[1] ?? '')?.[1]);
    const source = readFileSync(new URL('../../src/cli/main.ts', import.meta.url), 'utf8').split('\n');
    expect(source[srcLine - 1]).toContain('Turn Apple panic and crash logs into a likely-cause report');
    // Frames outside the bundle are left as they are.
    expect(out[2]).toBe('    at node:internal/main/run_main_module:28:49');
  });

  it('leaves the stack as it is when the bundle has no map', () => {
    const stack = 'Error: boom\n    at xQ (/nowhere/paniclens.cjs:1:2)';
    expect(mappedStack(stack, '/nowhere/paniclens.cjs')).toBe(stack);
  });
});
