/**
 * DOM edge: shows an HTML report document (the report renderer's self-contained page) inside the page, in a shadow
 * root so that its stylesheet and the page's never touch each other. The page's policy forbids inline <style>, so
 * the document's CSS goes in as a constructed stylesheet (CSSOM), with its page-level selectors (:root, html, body)
 * aimed at the shadow host and its <main> turned into a plain block (the page has its own main landmark).
 */

const sheets = new Map<string, CSSStyleSheet>();

/** The page's own additions: sections below the fold are laid out only when scrolled to (long reports stay fast). */
const PAGE_CSS = '.report-main > section { content-visibility: auto; contain-intrinsic-size: auto 900px; }';
let pageSheet: CSSStyleSheet | undefined;

/** Page-level selectors of a standalone document, as they apply inside a shadow root. */
export function scopeCss(css: string): string {
  return css
    .replace(/(^|[\s,}>(])(?::root|html|body)(?=[\s,{.:[>)])/g, '$1:host')
    .replace(/(^|[\s,}>(])main(?=[\s,{.:[>)])/g, '$1.report-main');
}

function sheetFor(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(scopeCss(css));
    sheets.set(css, sheet);
  }
  return sheet;
}

export function showReport(host: HTMLElement, html: string): void {
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  // The CSS is cut out of the text first: even a parsed, never-shown <style> is checked against the page's policy.
  const css: string[] = [];
  const rest = html.replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_, text: string) => {
    css.push(text);
    return '';
  });
  // DOMParser runs no script and loads nothing: the nodes are inert until adopted here.
  const doc = new DOMParser().parseFromString(rest, 'text/html');
  for (const el of Array.from(doc.querySelectorAll('style, script, meta, link, title'))) el.remove();
  for (const m of Array.from(doc.querySelectorAll('main'))) {
    const div = doc.createElement('div');
    div.className = 'report-main';
    div.append(...Array.from(m.childNodes));
    m.replaceWith(div);
  }
  if (!pageSheet) {
    pageSheet = new CSSStyleSheet();
    pageSheet.replaceSync(PAGE_CSS);
  }
  shadow.adoptedStyleSheets = [...(css.length > 0 ? [sheetFor(css.join('\n'))] : []), pageSheet];
  shadow.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.adoptNode(n)));
  if (!shadow.host.hasAttribute('data-links')) {
    shadow.host.setAttribute('data-links', '');
    // In-report links (#report-2) name ids inside the shadow root, which the document's fragment lookup cannot see.
    shadow.addEventListener('click', (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href^="#"]');
      const id = a?.getAttribute('href')?.slice(1);
      const target = id ? shadow.getElementById(id) : null;
      if (!target) return;
      e.preventDefault();
      target.scrollIntoView({ block: 'start' });
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    });
  }
}

