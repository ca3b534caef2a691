import { esc, page } from '../../report/html.js';
import { baselineText, byFailure, crashesNote, processesNote, quietHeading, redactionText, shortTime, titleBesideCause, type Counts, type TriageBucket, type TriageDocument } from '../aggregate.js';
import { isRealDate } from '../../diagnose/time.js';

/** Marks a bucket the baseline did not have. */
const NEW_BADGE = '<span class="new">new</span> ';

/**
 * The triage view as one self-contained page: crashes over time (inline SVG), OS versions and buckets
 * by count (bars drawn by CSS, so their labels keep the page's type size), a bucket table sortable by
 * any column and filtered by text (a few lines of inline script; the page reads the same without it), and a detail section
 * per bucket with links to its reports. It fits any width: long texts wrap, the table scrolls in place.
 */
export function renderTriageHtml(doc: TriageDocument, opts: { title?: string } = {}): string {
  const s = doc.summary;
  const title = opts.title ?? `Triage: ${s.reports} report${s.reports === 1 ? '' : 's'} in ${s.buckets} bucket${s.buckets === 1 ? '' : 's'}`;
  const body: string[] = [];
  body.push(`<header><p class="kicker">paniclens triage</p><h1>${esc(title)}</h1>`);
  const facts = [
    `${s.files} file${s.files === 1 ? '' : 's'}`,
    `${s.reports} report${s.reports === 1 ? '' : 's'}`,
    `${s.buckets} bucket${s.buckets === 1 ? '' : 's'}`,
    `${s.incidents} incident${s.incidents === 1 ? '' : 's'}`,
    s.failed ? `${s.failed} unreadable` : '',
    s.since ? `since ${s.since}` : '',
    processesNote(s) ?? '',
    s.baseline ? baselineText(s.baseline) : '',
    s.interrupted ? 'interrupted: partial figures' : '',
  ].filter(Boolean);
  body.push(`<p class="note" data-role="summary">${esc(facts.join(' · '))}</p></header>`);
  body.push('<section class="charts">');
  body.push(chartSection('Crashes over time', timeChart(doc), 'chart-time'));
  body.push(chartSection('OS versions', barChart(topCounts(sumCounts(doc.buckets.map((b) => b.osVersions)), 12)), 'chart-os'));
  // Bucket titles are long: this chart takes a row of its own.
  const { failures, quiet } = byFailure(doc.buckets);
  body.push(chartSection('Buckets by count', barChart(failures.slice(0, 15).map((b) => ({ label: b.title, value: b.count, href: `#bucket-${b.id}` }))), 'chart-buckets'));
  body.push('</section>');
  if (failures.length > 0) body.push(bucketTable(failures));
  if (quiet.length > 0) {
    body.push(`<section data-role="no-failure"><h2>${esc(quietHeading(quiet))}</h2><ul>${quiet
      .map((b) => `<li>${b.count} × <a href="#bucket-${esc(b.id)}">${esc(b.likelyCause ?? b.title)}</a> <code>${esc(b.id)}</code></li>`)
      .join('')}</ul></section>`);
  }
  if (doc.incidents.length > 0) {
    body.push(`<section><h2>Incidents</h2><ul>${doc.incidents
      .map((i) => `<li><strong>${esc(i.subject ?? 'related reports')}</strong>: ${i.count} report${i.count === 1 ? '' : 's'}${crashesNote(i) ? ` (${crashesNote(i)}: copies of one crash counted once)` : ''}${i.loop ? `, crash loop of ${i.loop.count}` : ''}${i.diagnoses[0] ? ` — ${esc(i.diagnoses[0].title)} (${pct(i.diagnoses[0].confidence)})` : ''}; buckets ${i.buckets.map((b) => `<a href="#bucket-${esc(b)}">${esc(b)}</a>`).join(', ')}</li>`)
      .join('')}</ul></section>`);
  }
  body.push(`<section><h2>Buckets</h2>${[...failures, ...quiet].map(bucketDetail).join('\n')}</section>`);
  const gone = doc.summary.baseline?.goneBuckets ?? [];
  if (gone.length > 0) {
    body.push(`<section><h2>Not seen since the baseline</h2><ul>${gone.map((g) => `<li><code>${esc(g.id)}</code> (${g.count} report${g.count === 1 ? '' : 's'} then): ${esc(g.title)}</li>`).join('')}</ul></section>`);
  }
  if (doc.errors.length > 0) body.push(`<section><h2>Unreadable inputs</h2><ul>${doc.errors.map((e) => `<li><code>${esc(e.path)}</code>: ${esc(e.message)}</li>`).join('')}</ul></section>`);
  const redacted = redactionText(doc);
  body.push(`<footer>${redacted ? `<p data-role="redactions">${esc(redacted)}</p>` : ''}<p>Written by paniclens. Nothing in this file loads from the network.</p></footer>`);
  return page(title, body.join('\n'), TRIAGE_CSS, SORT_SCRIPT);
}

function chartSection(title: string, svg: string, id: string): string {
  return `<figure class="chart" id="${id}"><figcaption>${esc(title)}</figcaption>${svg}</figure>`;
}

/** Reports per day (per hour when they all fall on one day), from the report times the document keeps. */
function timeChart(doc: TriageDocument): string {
  // Times from a clock that was never set (1970) would stretch the axis over decades: left out, as unreadable ones are.
  const times = doc.members.map((m) => m.timeMs).filter((t): t is number => typeof t === 'number' && Number.isFinite(t) && isRealDate(t));
  if (times.length === 0) return '<p class="note">No report had a readable time.</p>';
  // A loop, not Math.min(...times): spreading a large run's times would overflow the call stack.
  let min = Infinity;
  let max = -Infinity;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  const hour = 3_600_000;
  const day = 86_400_000;
  // Hours within one day, else days; a span longer than MAX_BINS days widens each bin rather than lumping the tail into one.
  const step = max - min < day ? hour : day * Math.max(1, Math.ceil((max - min + 1) / day / MAX_BINS));
  const start = Math.floor(min / step) * step;
  const n = Math.floor((max - start) / step) + 1;
  const bins = new Array<number>(n).fill(0);
  for (const t of times) {
    const i = Math.floor((t - start) / step);
    bins[i] = (bins[i] ?? 0) + 1;
  }
  // The bars stretch to the card's width (preserveAspectRatio none); text stays outside the SVG, in the page's type.
  const w = 640;
  const h = 120;
  const top = bins.reduce((a, b) => Math.max(a, b), 0);
  const bw = w / n;
  const label = (t: number): string => new Date(t).toISOString().slice(0, step === hour ? 13 : 10).replace('T', ' ') + (step === hour ? 'h' : '');
  const bars = bins
    .map((c, i) => {
      const bh = top ? Math.round((c / top) * h) : 0;
      return `<rect class="bar lead" x="${(i * bw + 1).toFixed(1)}" y="${h - bh}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${bh}"><title>${esc(label(start + i * step))}: ${c}</title></rect>`;
    })
    .join('');
  const first = label(start);
  const last = label(start + (n - 1) * step);
  return (
    `<p class="note axis-top">${top} max ${step === hour ? 'per hour' : step === day ? 'per day' : `per ${step / day} days`}</p>` +
    `<svg role="img" aria-label="Reports over time, ${esc(first)} to ${esc(last)}" viewBox="0 0 ${w} ${h}" width="100%" height="${h}" preserveAspectRatio="none">${bars}</svg>` +
    `<p class="note axis"><span>${esc(first)}</span><span>${esc(last)}</span></p><p class="note">${times.length} of ${doc.summary.reports} reports had a readable time.</p>`
  );
}

/**
 * Horizontal bars as a list: the count, a bar scaled to the largest, the label (cut with an ellipsis
 * where the card is narrow, whole in its tooltip). HTML rather than SVG: an SVG scaled to a card's
 * width scaled its text with it, to 5 pixels in a card of three.
 */
function barChart(rows: { label: string; value: number; href?: string }[]): string {
  if (rows.length === 0) return '<p class="note">Nothing to count.</p>';
  const top = rows.reduce((a, r) => Math.max(a, r.value), 0) || 1;
  const items = rows.map((r) => {
    const pctWidth = Math.max(1, Math.round((r.value / top) * 100));
    const label = esc(clip(r.label, 160));
    const text = r.href ? `<a href="${esc(r.href)}" title="${esc(r.label)}">${label}</a>` : `<span title="${esc(r.label)}">${label}</span>`;
    return `<li><span class="value">${r.value}</span><span class="track"><span class="bar lead" style="width:${pctWidth}%"></span></span><span class="name">${text}</span></li>`;
  });
  return `<ol class="bars">${items.join('')}</ol>`;
}

function bucketTable(buckets: TriageBucket[]): string {
  const head = ['Count', 'Bucket', 'Likely cause', 'Confidence', 'Culprit', 'Kind', 'First seen', 'Last seen', 'OS'];
  const rows = buckets.map((b) => {
    const os = topCounts(b.osVersions, 1)[0]?.label ?? '';
    const cells: [string, string | number][] = [
      [String(b.count), b.count],
      [`${b.new ? NEW_BADGE : ''}${titleBesideCause(b) === undefined ? `<a href="#bucket-${esc(b.id)}"><code>${esc(b.id)}</code></a>` : `<a href="#bucket-${esc(b.id)}">${esc(b.title)}</a>`}`, titleBesideCause(b) === undefined ? b.id : b.title],
      [esc(b.likelyCause ?? ''), b.likelyCause ?? ''],
      [b.confidence === null ? '' : pct(b.confidence), b.confidence ?? -1],
      [breakable(b.culprit?.name ?? ''), b.culprit?.name ?? ''],
      [esc(b.kind), b.kind],
      [timeCell(b.firstSeen), b.firstSeen ?? ''],
      [timeCell(b.lastSeen), b.lastSeen ?? ''],
      [esc(os), os],
    ];
    // What the filter finds besides the cells' text: the id, fingerprint, processes and culprit bundle id.
    const search = [b.id, b.fingerprint, ...Object.keys(b.processes), b.culprit?.bundleId ?? ''].join(' ').toLowerCase();
    return `<tr data-search="${esc(search)}">${cells.map(([html, key]) => `<td data-sort="${esc(String(key))}">${html}</td>`).join('')}</tr>`;
  });
  // Shown by the script only: without it the box would do nothing.
  const filter = '<p class="filter" hidden><label>Filter <input type="search" data-role="filter" placeholder="a process, symbol, cause, OS…" autocomplete="off"></label> <span class="note" data-role="shown" aria-live="polite"></span></p>';
  return `<section><h2>Buckets by count</h2>${filter}<div class="wide"><table class="sortable" data-role="buckets"><thead><tr>${head.map((h, i) => `<th scope="col" data-type="${i === 0 || i === 3 ? 'number' : 'text'}"><button type="button">${h}</button></th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** A name that may break after its dots (a bundle id) where the column is narrow, and not inside a word. */
function breakable(name: string): string {
  return esc(name).replace(/\./g, '.<wbr>');
}

/** A time as date and minute, each kept whole: a narrow column broke "2019-10-22 14:03 UTC" at every hyphen. */
function timeCell(iso: string | null): string {
  const t = shortTime(iso);
  const space = t.indexOf(' ');
  return space < 0 ? esc(t) : `<span class="day">${esc(t.slice(0, space))}</span> <span class="day">${esc(t.slice(space + 1))}</span>`;
}

function bucketDetail(b: TriageBucket): string {
  const kv: [string, string][] = [
    ['Reports', crashesNote(b) ? `${b.count} (${crashesNote(b)}: copies of one crash counted once)` : String(b.count)],
    ...(b.baselineCount !== undefined ? [['Baseline', b.baselineCount === null ? 'new: not in the baseline' : `${b.baselineCount} report${b.baselineCount === 1 ? '' : 's'} then`] as [string, string]] : []),
    ['Likely cause', b.likelyCause ? `${b.likelyCause}${b.confidence !== null ? ` (${pct(b.confidence)})` : ''}` : ''],
    ['Culprit', b.culprit ? `${b.culprit.name}${b.culprit.version ? ` ${b.culprit.version}` : ''}` : ''],
    ['Fingerprint', b.fingerprint],
    ['Seen', [b.firstSeen, b.lastSeen].filter(Boolean).join(' → ')],
    ['OS versions', countsText(b.osVersions)],
    ['Hardware', countsText(b.hardware)],
    ['Processes', Object.entries(b.processes).map(([p, v]) => `${p} ×${v.count}`).join(', ')],
  ];
  return `<article class="bucket" id="bucket-${esc(b.id)}"><h3>${esc(b.title)}</h3><table class="kv"><tbody>${kv
    .filter(([, v]) => v)
    .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('')}</tbody></table><p>Reports: ${b.examples.map((e) => `<a href="${esc(fileHref(e))}">${esc(e)}</a>`).join(', ')}${b.count > b.examples.length ? ` and ${b.count - b.examples.length} more` : ''}</p></article>`;
}

/** A report's own file, relative to where the page is saved (archive members and #documents link to their file). */
function fileHref(ref: string): string {
  const file = ref.split('!/')[0]?.replace(/#\d+$/, '') ?? ref;
  return file.split('/').map(encodeURIComponent).join('/');
}

function sumCounts(list: Counts[]): Counts {
  const out: Counts = {};
  for (const c of list) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

function topCounts(c: Counts, n: number): { label: string; value: number }[] {
  return Object.entries(c)
    .map(([label, value]) => ({ label, value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label))
    .slice(0, n);
}

const countsText = (c: Counts): string => topCounts(c, 8).map((r) => `${r.label} ×${r.value}`).join(', ');
const pct = (c: number): string => `${Math.round(c * 100)}%`;
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const MAX_BINS = 366;

const TRIAGE_CSS = `
.new{display:inline-block;font-size:.75em;font-weight:700;text-transform:uppercase;padding:0 .35em;border-radius:4px;background:#b3261e;color:#fff}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
figure.chart{flex:1 1 20rem;margin:0;background:var(--card);border-radius:10px;padding:.8rem;min-width:0}
#chart-buckets{flex-basis:100%}
figcaption{font-weight:600;margin-bottom:.4rem}
figure.chart svg{display:block}
.axis{display:flex;justify-content:space-between;margin:.2rem 0 0}.axis-top{margin:0 0 .2rem}
ol.bars{list-style:none;margin:0;padding:0}
ol.bars li{display:grid;grid-template-columns:2.5rem minmax(3rem,25%) minmax(0,1fr);gap:.5rem;align-items:center;line-height:1.6}
ol.bars .value{text-align:right;font-variant-numeric:tabular-nums}
ol.bars .track{display:block;height:.8rem;background:var(--track);border-radius:2px}
ol.bars .bar{display:block;height:100%;background:var(--bar);border-radius:2px}
ol.bars .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
ol.bars .track,ol.bars .bar{print-color-adjust:exact;-webkit-print-color-adjust:exact}
.wide{overflow-x:auto}
table[data-role=buckets] th:nth-child(2){width:22%}table[data-role=buckets] th:nth-child(3){width:22%}
table[data-role=buckets] td:nth-child(2),table[data-role=buckets] td:nth-child(3){overflow-wrap:anywhere}
.day{white-space:nowrap}
table.sortable th button{all:unset;cursor:pointer;font-weight:600}
table.sortable th[aria-sort=ascending] button::after{content:" ▲"}
table.sortable th[aria-sort=descending] button::after{content:" ▼"}
article.bucket{border-top:1px solid var(--line);padding-top:.3rem}
article.bucket h3,article.bucket td,article.bucket p{overflow-wrap:anywhere}
.filter input{font:inherit;padding:.2rem .4rem;min-width:16rem;max-width:100%}
@media print{table.sortable th button::after{content:""}.wide{overflow:visible}.filter{display:none}}
`;

/** Click a column head to sort by it; again to reverse. Numbers sort as numbers. Type in the filter to show only the rows holding that text. */
const SORT_SCRIPT = `
document.querySelectorAll('table.sortable').forEach(function (table) {
  var heads = table.querySelectorAll('th');
  heads.forEach(function (th, col) {
    th.querySelector('button').addEventListener('click', function () {
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var num = th.dataset.type === 'number';
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].dataset.sort, y = b.cells[col].dataset.sort;
        var d = num ? Number(x) - Number(y) : x.localeCompare(y);
        return asc ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
document.querySelectorAll('[data-role=filter]').forEach(function (input) {
  var box = input.closest('p');
  box.hidden = false;
  var rows = Array.prototype.slice.call(box.parentElement.querySelector('table').tBodies[0].rows);
  var shown = box.querySelector('[data-role=shown]');
  input.addEventListener('input', function () {
    var q = input.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r) {
      var hit = !q || (r.textContent + ' ' + r.dataset.search).toLowerCase().indexOf(q) >= 0;
      r.hidden = !hit;
      if (hit) n++;
    });
    shown.textContent = q ? n + ' of ' + rows.length + ' buckets' : '';
  });
});
`;
