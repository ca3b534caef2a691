/**
 * string-width for cli-table3 in the CLI bundle (scripts/bundle-cli.mjs substitutes it): a text of
 * printable ASCII and the typographic marks reports print (— · … → § ×…) is as wide as it is long,
 * which string-width also answers, but only after running its emoji regex over the text. Compiling
 * that regex, and the optimiser warming to the hundreds of calls one table makes, was ~5% of the
 * instructions of `analyze` on one report. Anything else goes to string-width itself.
 */
import stringWidth from 'string-width';

/** Characters string-width counts as one column each, none part of an emoji or an ANSI code (test/cli/string-width.test.ts). */
export const NARROW = /^[\x20-\x7e\u00a7\u00b0\u00b1\u00b5\u00b7\u00d7\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u2190\u2192\u2194\u2212\u2260\u2264\u2265\u25b2\u25bc]*$/;

export default function width(s: string): number {
  return typeof s === 'string' && NARROW.test(s) ? s.length : stringWidth(s);
}
