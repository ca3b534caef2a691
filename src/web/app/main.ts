/**
 * The page's wiring: inputs (paste, drop, file and folder pickers) → analyzePage → the report, the list of inputs
 * and the problems. Every user action re-runs the whole analysis over everything loaded, so incidents and crash
 * loops span all inputs. Nothing here talks to the network.
 */
import { analyzePage, PASTE_PATH, type InputNote, type PageAnalysis } from '../analyze.js';
import type { PageError, PageFile } from '../files.js';
import type { AnalysisResult } from '../../report/json.js';
import { RENDERERS, shown, type ExportFormat } from '../render.js';
import { builtinSignatures } from '../signatures.js';
import { installCxxDemangler } from './cxx.js';
import { copyText, download } from './export.js';
import { showReport } from './show-report.js';
import { droppedText, readDataTransfer, readFileList, type ReadResult } from './read-drop.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page element #${id} is missing`);
  return el as T;
};

const state = {
  files: [] as PageFile[],
  unreadable: [] as PageError[],
  result: undefined as PageAnalysis | undefined,
  /** The analysis as shown: redacted when the switch is on (computed once per analysis and switch position). */
  view: undefined as AnalysisResult | undefined,
  run: 0,
};
const cxxProblem: { message?: string } = {};

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function noteText(n: InputNote): string {
  switch (n.role) {
    case 'log':
      return `log: ${plural(n.reports, 'report')}`;
    case 'symbols':
      return `${n.info.kind === 'dsym' ? 'dSYM' : 'binary'} for symbols: ${n.info.slices.map((s) => `${s.arch} ${s.uuid}`).join(', ')}`;
    case 'dext':
      return `dext, linted (${n.bundleIds.map((b) => b ?? 'no bundle id').join(', ')}): ${plural(n.findings, 'finding')}`;
    case 'error':
      return `not used: ${n.message}`;
  }
}

function renderInputs(r: PageAnalysis): void {
  const notes = r.notes;
  $('inputs-box').hidden = notes.length === 0;
  $('inputs').innerHTML = notes
    .map((n) => `<li><span class="path">${esc(n.path)}</span> — ${esc(noteText(n))} <button type="button" class="remove" data-path="${esc(n.path)}" aria-label="Remove ${esc(n.path)}">Remove</button></li>`)
    .join('');
}

function renderProblems(errors: PageError[]): void {
  const all = [...errors, ...(cxxProblem.message ? [{ path: 'cxx-demangle.js', message: cxxProblem.message }] : [])];
  $('problems').innerHTML = all.length
    ? `<h3>${all.length === 1 ? 'One input could not be used' : `${all.length} inputs could not be used`}</h3><ul>${all.map((e) => `<li><strong>${esc(e.path)}</strong>: ${esc(e.message)}</li>`).join('')}</ul>`
    : '';
}

function setExportsEnabled(on: boolean): void {
  for (const id of ['copy-md', 'copy-json', 'download-md', 'download-json', 'download-html']) $<HTMLButtonElement>(id).disabled = !on;
}

async function analyse(): Promise<void> {
  const run = ++state.run;
  const paste = $<HTMLTextAreaElement>('paste').value;
  if (state.files.length === 0 && state.unreadable.length === 0 && paste.trim() === '') {
    state.result = undefined;
    state.view = undefined;
    showReport($('report'), '');
    $('inputs-box').hidden = true;
    renderProblems([]);
    setExportsEnabled(false);
    $('status').textContent = 'No log yet.';
    return;
  }
  $('status').textContent = 'Analysing…';
  const t0 = performance.now();
  try {
    await installCxxDemangler();
  } catch (e) {
    cxxProblem.message = `C++ names stay mangled: ${e instanceof Error ? e.message : String(e)}`;
  }
  const sigs = builtinSignatures();
  const t1 = performance.now();
  const result = await analyzePage({ files: state.files, paste, unreadable: state.unreadable }, sigs.signatures);
  if (run !== state.run) return; // a newer input arrived meanwhile
  state.result = result;
  const a = result.analysis;
  const t2 = performance.now();
  showView();
  // Where the time went, for bench/web.bench.ts: waiting for the demangler, the pipeline, the report into the page.
  document.body.dataset['timing'] = `${(t1 - t0).toFixed(0)}/${(t2 - t1).toFixed(0)}/${(performance.now() - t2).toFixed(0)}`;
  renderInputs(result);
  renderProblems([...result.errors, ...sigs.errors.map((e) => ({ path: e.path, message: `${e.pointer}: ${e.message}` }))]);
  setExportsEnabled(a.reports.length > 0);
  const ms = performance.now() - t0;
  const incidents = (a.incidents ?? []).filter((i) => i.reports.length > 1 || i.loop).length;
  $('status').textContent = a.reports.length > 0
    ? `${plural(a.reports.length, 'report')}${incidents ? `, ${plural(incidents, 'incident')}` : ''} (${ms.toFixed(0)} ms).`
    : 'No report could be read from these inputs.';
  document.body.dataset['analysedMs'] = ms.toFixed(1);
  document.body.dataset['runs'] = String(run);
}

function addRead(read: ReadResult): void {
  const paths = new Set(read.files.map((f) => f.path));
  const failed = new Set(read.errors.map((e) => e.path));
  // Dropping a file again replaces the earlier copy.
  state.files = [...state.files.filter((f) => !paths.has(f.path) && !failed.has(f.path)), ...read.files];
  state.unreadable = [...state.unreadable.filter((e) => !paths.has(e.path) && !failed.has(e.path)), ...read.errors];
  void analyse();
}

const redacting = (): boolean => $<HTMLInputElement>('redact').checked;

/** Render the current analysis (redacted when the switch is on) into the page. */
function showView(): void {
  const a = state.result?.analysis;
  state.view = a && a.reports.length > 0 ? shown(a, redacting()) : undefined;
  showReport($('report'), state.view ? RENDERERS.html(state.view) : '');
}

/** What is copied or downloaded: always the analysis as shown, so redaction applies before anything leaves the page. */
function currentExport(format: ExportFormat): string | undefined {
  return state.view ? RENDERERS[format](state.view) : undefined;
}

function wire(): void {
  const zone = $('dropzone');
  const paste = $<HTMLTextAreaElement>('paste');
  let timer: ReturnType<typeof setTimeout> | undefined;
  paste.addEventListener('input', (e) => {
    clearTimeout(timer);
    // A paste or drop is the whole log at once: analyse now. Typing waits for a pause.
    const whole = e instanceof InputEvent && (e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop');
    timer = setTimeout(() => void analyse(), whole ? 0 : 200);
  });
  for (const type of ['dragenter', 'dragover'] as const) {
    zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add('over');
    });
  }
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    const dt = e.dataTransfer;
    if (!dt) return;
    const text = droppedText(dt);
    if (text !== undefined) {
      paste.value = paste.value.trim() === '' ? text : `${paste.value}\n\n${text}`;
      void analyse();
      return;
    }
    void readDataTransfer(dt).then(addRead);
  });
  // A drop outside the box would make the browser open the file and leave the page.
  for (const type of ['dragover', 'drop'] as const) window.addEventListener(type, (e) => e.preventDefault());

  const fileInput = $<HTMLInputElement>('file-input');
  const folderInput = $<HTMLInputElement>('folder-input');
  $('choose-files').addEventListener('click', () => fileInput.click());
  $('choose-folder').addEventListener('click', () => folderInput.click());
  for (const input of [fileInput, folderInput]) {
    input.addEventListener('change', () => {
      if (input.files && input.files.length > 0) void readFileList(input.files).then(addRead);
      input.value = '';
    });
  }
  // Remove one input: a file, every file of a dropped bundle or folder, or the pasted text.
  $('inputs').addEventListener('click', (e) => {
    const path = (e.target as Element).closest('button.remove')?.getAttribute('data-path');
    if (path === null || path === undefined) return;
    const gone = (p: string): boolean => p === path || p.startsWith(`${path}/`);
    if (path === PASTE_PATH) paste.value = '';
    state.files = state.files.filter((f) => !gone(f.path));
    state.unreadable = state.unreadable.filter((f) => !gone(f.path));
    void analyse();
    paste.focus();
  });
  $('clear').addEventListener('click', () => {
    state.files = [];
    state.unreadable = [];
    paste.value = '';
    void analyse();
    paste.focus();
  });

  const say = (msg: string): void => {
    $('status').textContent = msg;
  };
  const copy = (kind: 'markdown' | 'json', label: string) => async (): Promise<void> => {
    const text = currentExport(kind);
    if (text === undefined) return;
    try {
      await copyText(text);
      say(`${label} copied to the clipboard.`);
    } catch (e) {
      say(`Could not copy: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  $('copy-md').addEventListener('click', () => void copy('markdown', 'Markdown')());
  $('copy-json').addEventListener('click', () => void copy('json', 'JSON')());
  $('download-md').addEventListener('click', () => {
    const text = currentExport('markdown');
    if (text !== undefined) download(text, 'paniclens-report.md', 'text/markdown');
  });
  $('download-json').addEventListener('click', () => {
    const text = currentExport('json');
    if (text !== undefined) download(text, 'paniclens-report.json', 'application/json');
  });
  $('download-html').addEventListener('click', () => {
    const text = currentExport('html');
    if (text !== undefined) download(text, 'paniclens-report.html', 'text/html');
  });
  $('redact').addEventListener('change', () => {
    showView();
    say(redacting() ? 'Redacted: the report, copies and downloads mask personal data.' : 'Not redacted: copies and downloads hold the data as logged.');
  });
  // Start compiling the demangler while the user is still choosing a log.
  installCxxDemangler().catch((e: unknown) => {
    cxxProblem.message = `C++ names stay mangled: ${e instanceof Error ? e.message : String(e)}`;
  });
}

wire();
