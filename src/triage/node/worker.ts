/** Edge: a triage worker thread. Takes inputs one at a time, answers with their summaries. */
import { parentPort, workerData } from 'node:worker_threads';
import type { PipelineOptions } from '../../pipeline/analyze-reports.js';
import { loadSkipList } from './skip-frames.js';
import { processInput, type ReadableInput } from './process-input.js';

export interface WorkRequest {
  seq: number;
  input: ReadableInput;
}

const pipeline = (workerData as { pipeline: PipelineOptions }).pipeline;
const port = parentPort;
if (!port) throw new Error('triage worker started outside a worker thread');
const skip = await loadSkipList();
let chain: Promise<void> = Promise.resolve();

port.on('message', (msg: WorkRequest) => {
  // One input at a time, in arrival order: the main thread bounds how many are queued.
  chain = chain.then(async () => {
    try {
      const outcome = await processInput(msg.input, pipeline, skip);
      port.postMessage({ seq: msg.seq, outcome });
    } catch (err) {
      port.postMessage({ seq: msg.seq, outcome: { path: msg.input.path, summaries: [], error: `internal error: ${(err as Error).message}` } });
    }
  });
});
port.postMessage({ ready: true });
