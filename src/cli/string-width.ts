/**
 * string-width for cli-table3 in the CLI bundle (scripts/bundle-cli.mjs substitutes it): a text of
 * printable ASCII only is as wide as it is long, which string-width also answers, but only after
 * running its emoji regex over the text. Compiling that regex, and the optimiser warming to the
 * hundreds of calls one table makes, was ~5% of the instructions of `analyze` on one report.
 * Anything else goes to string-width itself.
 */
import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export default function width(s: string): number {
  return typeof s === 'string' && PRINTABLE_ASCII.test(s) ? s.length : stringWidth(s);
}
