/**
 * Forum and issue pastes wrap logs in Markdown/HTML: code fences, <pre>, <br>, "> " quote markers.
 * Removing the wrappers line by line keeps line numbers stable (a removed line becomes empty).
 */
import { isJsSpace, isLineTerminator } from './text-scan.js';

const FENCE = /^\s*(```|~~~)[\w+-]*\s*$/;
const QUOTE = /^(\s*>)+ ?/;

export function unwrapPaste(text: string): string {
  if (!hasWrapper(text)) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] as string;
    if (FENCE.test(line)) {
      lines[i] = '';
      continue;
    }
    if (line.includes('<')) line = line.replace(/<\/?(pre|code)[^>]*>/gi, '').replace(/<br\s*\/?>/gi, '');
    // A '>' quote marker is never how a crash, panic or log line starts, so it is safe to drop.
    if (line.trimStart().startsWith('>')) line = line.replace(QUOTE, '');
    lines[i] = line;
  }
  return lines.join('\n');
}

/**
 * The test `/```|~~~|<pre|<br|<\/?code|^\s*>/im`, by native substring searches: most texts have
 * no wrapper, and the multiline `^\s*>` alone cost a regex attempt at every line of every input.
 */
function hasWrapper(text: string): boolean {
  if (text.includes('```') || text.includes('~~~')) return true;
  if (hasHtmlWrapper(text)) return true;
  return hasQuoteLine(text);
}

/**
 * HTML_WRAPPER (`/<(?:pre|br|\/?code)/i`) by a search for '<' and character tests: crash text holds
 * many '<' (UUIDs, `<unavailable>`, C++ templates) and the regex scanned every input from end to end.
 * The `i` flag without `u` folds no non-ASCII character to an ASCII letter, so an ASCII test is exact.
 */
export function hasHtmlWrapper(text: string): boolean {
  for (let at = text.indexOf('<'); at >= 0; at = text.indexOf('<', at + 1)) {
    const k = text.charCodeAt(at + 1) === 0x2f ? at + 2 : at + 1;
    if (lettersAt(text, k, 'code')) return true;
    if (k === at + 1 && (lettersAt(text, k, 'pre') || lettersAt(text, k, 'br'))) return true;
  }
  return false;
}

/** `text` holds the lower-case ASCII `word` at `at`, in either case. */
function lettersAt(text: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(at + i) | 32) !== word.charCodeAt(i)) return false;
  return true;
}

/** `^\s*>` (multiline): a '>' with only whitespace between it and a line start. */
function hasQuoteLine(text: string): boolean {
  for (let at = text.indexOf('>'); at >= 0; at = text.indexOf('>', at + 1)) {
    let j = at - 1;
    for (; j >= 0; j--) {
      const c = text.charCodeAt(j);
      if (isLineTerminator(c)) return true;
      if (!isJsSpace(c)) break;
    }
    if (j < 0) return true;
  }
  return false;
}
