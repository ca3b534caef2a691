/**
 * Forum and issue pastes wrap logs in Markdown/HTML: code fences, <pre>, <br>, "> " quote markers.
 * Removing the wrappers line by line keeps line numbers stable (a removed line becomes empty).
 */

const FENCE = /^\s*(```|~~~)[\w+-]*\s*$/;
const QUOTE = /^(\s*>)+ ?/;

export function unwrapPaste(text: string): string {
  if (!/```|~~~|<pre|<br|<\/?code|^\s*>/im.test(text)) return text;
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
