/**
 * Analysis off the engine's main thread (issue 12): `analyze`, `compile` and `settings` parse
 * and analyse whole notebooks, which takes seconds for a cell of 100k lines. They run in one
 * worker thread, started with the first of them, so the engine's other requests (run lists,
 * logs, cancel) are answered while an analysis is in progress. The worker is the engine bundle
 * itself, loaded with `workerData.role` set to ANALYSIS_WORKER (see src/cli/main.ts); it answers
 * its requests one at a time, in order.
 */
import { isMainThread, Worker, workerData } from 'node:worker_threads';
import { IEngineRequest, IEngineResponse } from './protocol';
import { IEngineContext } from './run-methods';

/** The methods that run in the analysis thread. */
export const ANALYSIS_METHODS: ReadonlySet<string> = new Set([
  'analyze',
  'compile',
  'settings'
]);

/**
 * True for a request the analysis thread answers: the analysis methods, and starting a local
 * run, which analyses and prepares the notebook before the detached runner starts. (A cluster
 * submission stays on the main thread, beside the cluster state it shares with the run lists.)
 */
export function runsInAnalysisThread(request: IEngineRequest): boolean {
  if (ANALYSIS_METHODS.has(request.method)) {
    return true;
  }
  const target = request.params?.target;
  return (
    request.method === 'startRun' &&
    (target === undefined || target === null || target === 'local')
  );
}

export const ANALYSIS_WORKER = 'cellpipe-analysis-worker';

/** True in the analysis thread: the bundle then serves analyses instead of running the CLI. */
export function isAnalysisWorker(): boolean {
  return (
    !isMainThread &&
    (workerData as { role?: unknown } | null)?.role === ANALYSIS_WORKER
  );
}

export interface IAnalysisJob {
  seq: number;
  context: IEngineContext;
  version: string;
  request: IEngineRequest;
}

export interface IAnalysisDone {
  seq: number;
  response: IEngineResponse;
}

export class AnalysisThread {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly waiting = new Map<
    number,
    { id: IEngineRequest['id']; done: (response: IEngineResponse) => void }
  >();

  /** `entry`: the engine bundle (cellpipe.cjs), which the worker loads. */
  constructor(private readonly entry: string) {}

  run(
    context: IEngineContext,
    version: string,
    request: IEngineRequest
  ): Promise<IEngineResponse> {
    const worker = this.started();
    const seq = ++this.seq;
    return new Promise(done => {
      this.waiting.set(seq, { id: request.id, done });
      // Keeps the engine alive while an answer is owed, not after (see settle).
      worker.ref();
      const job: IAnalysisJob = { seq, context, version, request };
      worker.postMessage(job);
    });
  }

  private started(): Worker {
    if (this.worker) {
      return this.worker;
    }
    const worker = new Worker(this.entry, {
      workerData: { role: ANALYSIS_WORKER },
      argv: []
    });
    worker.on('message', (message: IAnalysisDone) => {
      const waiting = this.waiting.get(message.seq);
      this.waiting.delete(message.seq);
      this.settle(worker);
      waiting?.done(message.response);
    });
    const failed = (why: string) => {
      if (this.worker === worker) {
        this.worker = undefined;
      }
      process.stderr.write(`cellpipe engine: the analysis thread ${why}\n`);
      for (const [seq, waiting] of this.waiting) {
        this.waiting.delete(seq);
        waiting.done({
          id: waiting.id,
          error: {
            status: 500,
            message: `cellpipe engine: the analysis thread ${why}; try again`
          }
        });
      }
    };
    worker.on('error', error => failed(`failed: ${error.stack ?? error}`));
    worker.on('exit', code => failed(`stopped (exit code ${code})`));
    this.worker = worker;
    return worker;
  }

  private settle(worker: Worker): void {
    if (this.waiting.size === 0) {
      worker.unref();
    }
  }
}
