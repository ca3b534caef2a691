/**
 * Edge: a triage worker thread. Takes inputs one at a time, answers with their summaries: in
 * batches while more inputs wait (one message per file cost the thread ~5% of its time), at once
 * when it runs out of work, so the main thread never waits on a half-full batch.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { precompileNodeCxxBackend } from '../../demangle/cxx-node.js';
import type { PipelineOptions } from '../../pipeline/analyze-reports.js';
import { loadSkipList } from './skip-frames.js';
import { processInput, type InputOutcome, type ReadableInput } from './process-input.js';

export interface WorkRequest {
  seq: number;
  input: ReadableInput;
}

export interface WorkAnswer {
  seq: number;
  outcome: InputOutcome;
}

/** Answers sent in one message at most. */
const BATCH = 16;

const pipeline = (workerData as { pipeline: PipelineOptions }).pipeline;
const port = parentPort;
if (!port) throw new Error('triage worker started outside a worker thread');
// The C++ demangler's wasm compiles on V8's threads while the worker loads its skip list and first inputs.
if (pipeline.demangle !== false) void precompileNodeCxxBackend();
const skip = await loadSkipList();
let chain: Promise<void> = Promise.resolve();
let waiting = 0;
let answers: WorkAnswer[] = [];

port.on('message', (msg: WorkRequest) => {
  waiting++;
  // One input at a time, in arrival order: the main thread bounds how many are queued.
  chain = chain.then(async () => {
    let outcome: InputOutcome;
    try {
      outcome = await processInput(msg.input, pipeline, skip);
    } catch (err) {
      outcome = { path: msg.input.path, summaries: [], error: `internal error: ${(err as Error).message}` };
    }
    waiting--;
    answers.push({ seq: msg.seq, outcome });
    if (waiting === 0 || answers.length >= BATCH) {
      // As JSON text: summaries are plain JSON values, and cloning one string costs the worker far
      // less than structured-cloning thousands of small objects (~10% of its time).
      port.postMessage(JSON.stringify(answers));
      answers = [];
    }
  });
});
