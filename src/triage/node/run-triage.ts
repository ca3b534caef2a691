/**
 * Edge: the triage run. Inputs stream from the walker to the main thread and, in larger runs with
 * --jobs above 1, to a pool of worker threads; each answer is folded into the accumulator at once
 * and dropped, so memory holds bucket summaries and incident members, never the reports.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { cxxCompileUnderWay, precompileNodeCxxBackend } from '../../demangle/cxx-node.js';
import type { IncidentOptions } from '../../diagnose/incidents.js';
import type { PipelineOptions } from '../../pipeline/analyze-reports.js';
import { TriageAccumulator, type TriageDocument } from '../aggregate.js';
import type { Baseline } from '../baseline.js';
import type { ReportSummary } from '../summary.js';
import { walkInputs, type WalkOptions } from './inputs.js';
import { processInput, type InputOutcome, type ReadableInput } from './process-input.js';
import { loadSkipList } from './skip-frames.js';
import type { WorkAnswer } from './worker.js';

export interface TriageRunOptions {
  /** Threads that analyse reports (1: the main thread alone; up to 3, the main thread is one of them). Default: one fewer than the cores available (at least 1). */
  jobs?: number;
  pipeline?: PipelineOptions;
  walk?: WalkOptions;
  sinceMs?: number;
  /** Keep only the reports about these processes (--process; see aboutProcess). */
  processes?: string[];
  top?: number;
  incidentOptions?: IncidentOptions;
  /** An earlier run to compare with (--baseline). */
  baseline?: Baseline;
  /** Each report as it is read (ndjson), after --since and --process. */
  onReport?: (s: ReportSummary) => void;
  onError?: (path: string, message: string) => void;
  /**
   * Files done, and the files known so far: those of the folders and globs listed (the total is known
   * once a folder is listed, before its files are read), named files, and archive entries as they are found.
   */
  onProgress?: (done: number, total: number) => void;
  /** Set to stop: no new input is started, what is under way finishes. */
  stopped?: () => boolean;
  /**
   * With --jobs 1, stop the main thread's young generation growing past YOUNG_MB (what workers are
   * given). V8 grows it in steps as the objects that survive collections add up, which they always
   * do over a long run: the last step, a few thousand files in, added ~16 MB to the peak. The setting
   * is the process's (a V8 flag): for a command line that runs one triage, not for a library caller.
   */
  boundYoungGeneration?: boolean;
  /**
   * From the second input on, TurboFan inlines less (LIMITED_INLINING). Also a process-wide V8 flag,
   * so for a command line that runs one triage.
   */
  limitInlining?: boolean;
}

/**
 * One thread fewer than the cores (the main thread is one of the jobs), leaving a core to V8's
 * compile and collector threads and to the reads. On this project's 2-core machine that is the main
 * thread alone: two threads there reached only 1.0-1.5x one thread's files/s even as separate processes.
 */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism() - 1);
}

export async function runTriage(paths: string[], opts: TriageRunOptions = {}): Promise<TriageDocument> {
  const acc = new TriageAccumulator({
    ...(opts.sinceMs !== undefined ? { sinceMs: opts.sinceMs } : {}),
    ...(opts.processes !== undefined ? { processes: opts.processes } : {}),
    ...(opts.top !== undefined ? { top: opts.top } : {}),
    ...(opts.incidentOptions ? { incidentOptions: opts.incidentOptions } : {}),
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
  });
  const jobs = Math.max(1, opts.jobs ?? defaultJobs());
  const pipeline = opts.pipeline ?? {};
  let discovered = 0;
  // Progress: every file the walk gives counts, names passed over too. `total` takes in a listing's
  // files when it is listed; a file given beyond the listed ones (a named file, an archive's entries
  // past the archive's own place) adds one as it comes, so done never passes total.
  let done = 0;
  let total = 0;
  let listedLeft = 0;
  const given = (): void => {
    if (listedLeft > 0) listedLeft--;
    else total++;
  };
  const listed = (count: number): void => {
    total += count;
    listedLeft += count;
  };
  const fold = (o: InputOutcome): void => {
    done++;
    if (o.skipped) {
      acc.skipped++;
      opts.onProgress?.(done, total);
      return;
    }
    if (o.error) opts.onError?.(o.path, o.error);
    if (opts.onReport) for (const s of o.summaries) if (acc.keeps(s)) opts.onReport(s);
    acc.addFile(o.summaries, o.error ? { path: o.path, message: o.error } : undefined);
    opts.onProgress?.(done, total);
  };
  // The C++ demangler's wasm compiles on V8's threads while the first files are listed and read.
  if (pipeline.demangle !== false) void precompileNodeCxxBackend();
  const walk = walkInputs(paths, { ...opts.walk, ...(opts.stopped ? { stopped: opts.stopped } : {}), onListed: listed });
  // Up to MAIN_WORKS_UP_TO jobs, the main thread is one of them: it hands inputs to jobs - 1 workers
  // while they have room and analyses the next one itself when they do not. With a worker per job
  // it mostly waited (--jobs 2 on 2 cores: three threads, the main one 80% idle, 0.65x the files/s
  // of --jobs 1). With more, it only hands out and folds: the answers of many workers keep it busy,
  // and while it analysed a long input (a stackshot, a spindump) every worker would run dry.
  // Workers start only once a run has more than POOL_AFTER inputs: loading one costs ~160 ms of CPU,
  // more than a few reports take.
  const workers = jobs <= MAIN_WORKS_UP_TO ? jobs - 1 : jobs;
  let pool: WorkerPool | undefined;
  const skip = await loadSkipList();
  const young = opts.boundYoungGeneration ? new YoungGenerationBound(YOUNG_MB) : undefined;
  let local = 0;
  try {
    for await (const input of walk) {
      if (opts.stopped?.()) break;
      given();
      if ('skipped' in input) {
        acc.skipped++;
        done++;
        if (done % 256 === 0) opts.onProgress?.(done, total);
        continue;
      }
      discovered++;
      if (discovered === 2 && opts.limitInlining) await changeV8Flags(LIMITED_INLINING);
      // node:worker_threads loads only when used: with the stream modules behind it, it was ~7% of
      // the instructions of a triage of a few files.
      if (jobs > 1 && discovered === POOL_AFTER + 1) pool = WorkerPool.start(workers, pipeline, (await import('node:worker_threads')).Worker);
      if ('error' in input) {
        fold({ path: input.path, summaries: [], error: input.error });
        continue;
      }
      if (pool && workers === jobs) await pool.room();
      if (pool?.hasRoom()) {
        pool.submit(input, fold);
        continue;
      }
      // The C++ demangler's wasm is read and compiled in the background, but its steps are run by
      // event-loop tasks, and between files this loop only awaits settled promises: without a turn
      // of the loop the module got ready only once a C++ name made a report wait for it (16-30 ms
      // idle in the legacy set). One turn per file while it is under way lets it progress meanwhile.
      // With workers, the turn also takes in their answers, which make room for the next inputs.
      if (pool || cxxCompileUnderWay()) await new Promise<void>((resolve) => setImmediate(resolve));
      fold(await processInput(input, pipeline, skip));
      if (young && ++local % 64 === 0) await young.check();
    }
    if (pool) await pool.drain();
  } finally {
    await pool?.close();
  }
  // Names passed over report progress only now and then: the last of them may end the run.
  opts.onProgress?.(done, total);
  if (opts.stopped?.()) acc.interrupted = true;
  return acc.result();
}

/** Inputs the main thread analyses alone before workers start (a small run starts none). */
const POOL_AFTER = 64;

/** The most jobs of which the main thread is one (see runTriage). */
const MAIN_WORKS_UP_TO = 3;

/**
 * Each thread's young generation, MB. V8's default (up to 3 × 16 MB semi-spaces per thread) mostly
 * holds short-lived garbage of one report; a smaller one keeps peak memory down at no measured cost in speed.
 */
const YOUNG_MB = 12;

/** Emitted on `process` (once) just before V8's flags are first changed at run time. */
export const V8_FLAGS_EVENT = 'paniclens:v8-flags';

/**
 * The budget of bytecode TurboFan inlines into one function (V8's default is 920). A batch's first
 * files run while V8 compiles the parsers and matchers, and with large inlined bodies those compiles
 * (and the recompiles after deopts) are costly. Legacy set (640 .crash, `triage --jobs 1`), 11 alternated
 * runs: 300 0.90x the wall time of the default (150: 0.94x, 500: 0.95x, no inlining: 0.95x); the
 * 10,000-file synthetic set 0.95-1.04x (noise). Instructions, compiles included (`npm run bench -- icount`
 * runs V8 on one thread): legacy set 0.92x, per file past the first 250 synthetic ones 0.84x; a triage
 * of the 10 samples +0.2% (from the second file on, so one-file runs keep the default).
 */
const LIMITED_INLINING = '--max-inlined-bytecode-size-cumulative=300';

/** V8 versions whose flags are known to exist here: an unknown flag prints an error. */
const KNOWN_V8 = /^1[1-3]\./.test(process.versions.v8);
let flagsChanged = false;

/** Changes V8 flags, after telling the launcher (src/cli/launch.ts) to write the code cache it owes. */
async function changeV8Flags(flags: string): Promise<void> {
  if (!KNOWN_V8) return;
  const { setFlagsFromString } = await import('node:v8');
  // V8 refuses a code cache made under other flags: the launcher writes the one it owes now.
  if (!flagsChanged) (process as NodeJS.EventEmitter).emit(V8_FLAGS_EVENT);
  flagsChanged = true;
  setFlagsFromString(flags);
}

/**
 * The main thread has no resourceLimits: once its new space (two semi-spaces) reaches the size a
 * worker's young generation allows, V8 is told to grow it no further (a growth factor of 1 leaves
 * the capacity as it is). Only V8 versions known to have the flag are told: an unknown flag prints an error.
 * Instructions over 2,500 files: +0.16% against an unbounded young generation; peak RSS at 10,000 files -20 MB.
 */
class YoungGenerationBound {
  private done = !KNOWN_V8;

  constructor(private readonly mb: number) {}

  async check(): Promise<void> {
    if (this.done) return;
    const { getHeapSpaceStatistics } = await import('node:v8');
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!space) {
      this.done = true;
      return;
    }
    if (space.space_size * 3 >= this.mb * 2 * 1024 * 1024) {
      await changeV8Flags('--semi-space-growth-factor=1');
      this.done = true;
    }
  }
}

interface Slot {
  worker: Worker;
  pending: Map<number, (o: InputOutcome) => void>;
}

/**
 * Workers with a bounded queue each: while every worker has QUEUE inputs in hand, the main thread
 * analyses inputs itself or waits. Inputs are posted as soon as the workers exist: a worker queues
 * them while it loads its code, so listing the folder overlaps the workers' start-up.
 */
class WorkerPool {
  /** Enough that a worker answering in batches (worker.ts) always has the next inputs in hand. */
  private static readonly QUEUE = 32;
  private seq = 0;
  private waiters: (() => void)[] = [];
  private failure: Error | undefined;

  private constructor(private readonly slots: Slot[]) {}

  static start(jobs: number, pipeline: PipelineOptions, Worker: typeof import('node:worker_threads').Worker): WorkerPool {
    const url = new URL('./worker.js', import.meta.url);
    const slots = Array.from({ length: jobs }, (): Slot => ({
      worker: new Worker(url, { workerData: { pipeline }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } }),
      pending: new Map(),
    }));
    const pool = new WorkerPool(slots);
    for (const slot of slots) {
      slot.worker.on('message', (text: string) => {
        for (const a of JSON.parse(text) as WorkAnswer[]) {
          const cb = slot.pending.get(a.seq);
          slot.pending.delete(a.seq);
          cb?.(a.outcome);
        }
        pool.wake();
      });
      slot.worker.on('error', (err) => {
        pool.failure = err;
        // Inputs the dead worker held are reported, not lost.
        for (const [, cb] of slot.pending) cb({ path: '(worker)', summaries: [], error: `internal error: ${err.message}` });
        slot.pending.clear();
        pool.wake();
      });
    }
    return pool;
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private least(): Slot {
    let best = this.slots[0] as Slot;
    for (const s of this.slots) if (s.pending.size < best.pending.size) best = s;
    return best;
  }

  /** True when a worker has fewer than QUEUE inputs in hand (and none has failed). */
  hasRoom(): boolean {
    if (this.failure) throw this.failure;
    return this.least().pending.size < WorkerPool.QUEUE;
  }

  /** Resolves once a worker has room (at once when one has). */
  async room(): Promise<void> {
    while (!this.hasRoom()) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Hands `input` to the worker with the fewest in hand (call when hasRoom()). */
  submit(input: ReadableInput, onDone: (o: InputOutcome) => void): void {
    const slot = this.least();
    const seq = this.seq++;
    slot.pending.set(seq, (o) => onDone(o.path === '(worker)' ? { ...o, path: input.path } : o));
    const transfer = 'bytes' in input ? [input.bytes.buffer as ArrayBuffer] : [];
    slot.worker.postMessage({ seq, input }, transfer);
  }

  async drain(): Promise<void> {
    while (this.slots.some((s) => s.pending.size > 0)) await new Promise<void>((r) => this.waiters.push(r));
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
