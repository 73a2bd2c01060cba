/** The analysis thread's side (see analysis-thread.ts): answers each job in order. */
import { parentPort } from 'node:worker_threads';
import { IAnalysisDone, IAnalysisJob } from './analysis-thread';
import { handleRequest } from './serve';
import { IEngineResponse } from './protocol';
import { initPythonParserFromFiles } from '../python-parser';

export function serveAnalyses(): void {
  const port = parentPort;
  if (!port) {
    throw new Error('the analysis thread runs only as a worker');
  }
  // The engine's stdout carries only its replies: what this thread prints goes to stderr. (A
  // worker's own stdout stream, piped by the engine, would keep the engine from exiting.)
  process.stdout.write = process.stderr.write.bind(
    process.stderr
  ) as typeof process.stdout.write;
  // The parser loads once, before the first job is answered (jobs are answered in order).
  const ready = initPythonParserFromFiles();
  port.on('message', (job: IAnalysisJob) => {
    void ready
      .then(
        () => handleRequest(job.context, job.version, job.request),
        (error: unknown): IEngineResponse => ({
          id: job.request.id,
          error: {
            status: 500,
            message: `the Python parser did not load: ${String(error)}`
          }
        })
      )
      .then(response => {
        const done: IAnalysisDone = { seq: job.seq, response };
        port.postMessage(done);
      });
  });
}
