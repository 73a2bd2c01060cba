/**
 * The built engine (`cellpipe engine --root DIR`) as the Jupyter server extension runs it: a
 * child process spoken to in JSON lines over stdio. Requests are matched to replies by id.
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './cli';

export interface IEngineReply {
  id: number | string | null;
  result?: unknown;
  error?: { status: number; message: string };
}

export class EngineProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting = new Map<number, (reply: IEngineReply) => void>();
  private nextId = 1;
  stderr = '';

  constructor(root: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'cellpipe.js'), 'engine', '--root', root],
      { env, stdio: ['pipe', 'pipe', 'pipe'] }
    );
    this.child.stderr.setEncoding('utf8');
    this.child.stderr.on('data', chunk => (this.stderr += chunk));
    createInterface({ input: this.child.stdout }).on('line', line => {
      const reply = JSON.parse(line) as IEngineReply;
      const done = this.waiting.get(reply.id as number);
      if (done) {
        this.waiting.delete(reply.id as number);
        done(reply);
      }
    });
  }

  request(
    method: string,
    params: Record<string, unknown>
  ): Promise<IEngineReply> {
    const id = this.nextId++;
    return new Promise(resolve => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  }

  /** The result, or an error naming the engine's refusal. */
  async call<T>(method: string, params: Record<string, unknown>): Promise<T> {
    const reply = await this.request(method, params);
    if (reply.error) {
      throw new Error(
        `${method}: ${reply.error.status} ${reply.error.message}\n${this.stderr}`
      );
    }
    return reply.result as T;
  }

  stop(): Promise<void> {
    return new Promise(done => {
      if (this.child.exitCode !== null) {
        done();
        return;
      }
      this.child.once('exit', () => done());
      this.child.stdin.end();
      this.child.kill('SIGTERM');
    });
  }
}
