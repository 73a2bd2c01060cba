/**
 * Follows a Workflow until it finishes: read it, then watch from its resourceVersion. When the
 * watch ends or the apiserver is unreachable, reconnect with exponential backoff (a fresh read
 * also covers a resourceVersion that has expired). Permission and not-found errors stop it.
 */
import * as k8s from '@kubernetes/client-node';
import { IKubeConnection } from './connection';
import { IWorkflowObject, WORKFLOW_API } from './argo-documents';
import { isWorkflowFinished } from './argo-status';
import { describeKubeError, isUnreachable } from './errors';

export interface IWatchOptions {
  /** First reconnect delay; doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Stop following (the Workflow keeps running). */
  signal?: AbortSignal;
  /** Called on every reconnect, with the reason (for progress output and tests). */
  onReconnect?: (reason: string, delayMs: number) => void;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(done => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    });
  });
}

function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    isUnreachable(error) ||
    code === 410 ||
    code === 429 ||
    (typeof code === 'number' && code >= 500)
  );
}

export class WorkflowWatcher {
  private readonly custom: k8s.CustomObjectsApi;

  constructor(
    private readonly connection: IKubeConnection,
    private readonly namespace: string,
    private readonly name: string
  ) {
    this.custom = connection.config.makeApiClient(k8s.CustomObjectsApi);
  }

  async read(): Promise<IWorkflowObject> {
    return (await this.custom.getNamespacedCustomObject({
      ...WORKFLOW_API,
      namespace: this.namespace,
      name: this.name
    })) as IWorkflowObject;
  }

  /** Resolves with the finished Workflow (or the last seen one when aborted). */
  async follow(
    onUpdate: (workflow: IWorkflowObject) => void,
    options: IWatchOptions = {}
  ): Promise<IWorkflowObject | undefined> {
    const initial = options.initialBackoffMs ?? 500;
    const max = options.maxBackoffMs ?? 15000;
    let delay = initial;
    let last: IWorkflowObject | undefined;
    let deniedInARow = 0;
    while (!options.signal?.aborted) {
      try {
        last = await this.read();
        deniedInARow = 0;
        onUpdate(last);
        if (isWorkflowFinished(last)) {
          return last;
        }
        delay = initial;
        const ended = await this.watchFrom(last, onUpdate, options.signal);
        last = ended.latest ?? last;
        if (last && isWorkflowFinished(last)) {
          return last;
        }
        if (options.signal?.aborted) {
          break;
        }
        options.onReconnect?.(ended.reason, delay);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        // A restarting apiserver answers 401/403 until its RBAC caches sync: once we could
        // read the Workflow, allow a few of those before taking them for real.
        const denied = code === 401 || code === 403;
        deniedInARow = denied ? deniedInARow + 1 : 0;
        if (!isTransient(error) && !(denied && last && deniedInARow <= 5)) {
          throw describeKubeError(error, {
            verb: 'watch',
            resource: 'workflows.argoproj.io',
            namespace: this.namespace,
            name: this.name,
            server: this.connection.server
          });
        }
        options.onReconnect?.(
          String((error as Error).message ?? error).split('\n')[0],
          delay
        );
      }
      await sleep(delay, options.signal);
      delay = Math.min(delay * 2, max);
    }
    return last;
  }

  /** One watch connection; resolves when it ends (finished Workflow, close, error or abort). */
  private async watchFrom(
    from: IWorkflowObject,
    onUpdate: (workflow: IWorkflowObject) => void,
    signal?: AbortSignal
  ): Promise<{ latest?: IWorkflowObject; reason: string }> {
    const watch = new k8s.Watch(this.connection.config);
    let latest: IWorkflowObject | undefined;
    return new Promise((done, fail) => {
      let controller: AbortController | undefined;
      const stop = (): void => controller?.abort();
      signal?.addEventListener('abort', stop);
      const finish = (reason: string): void => {
        signal?.removeEventListener('abort', stop);
        done({ latest, reason });
      };
      watch
        .watch(
          `/apis/${WORKFLOW_API.group}/${WORKFLOW_API.version}/namespaces/${this.namespace}/${WORKFLOW_API.plural}`,
          {
            fieldSelector: `metadata.name=${this.name}`,
            resourceVersion: from.metadata.resourceVersion,
            allowWatchBookmarks: true
          },
          (type: string, object: unknown) => {
            if (type === 'ADDED' || type === 'MODIFIED') {
              latest = object as IWorkflowObject;
              onUpdate(latest);
              if (isWorkflowFinished(latest)) {
                stop();
                finish('finished');
              }
            } else if (type === 'DELETED') {
              stop();
              fail(
                describeKubeError(
                  { code: 404 },
                  {
                    verb: 'watch',
                    resource: 'workflows.argoproj.io',
                    namespace: this.namespace,
                    name: this.name,
                    server: this.connection.server
                  }
                )
              );
            } else if (type === 'ERROR') {
              stop();
              finish('the watch reported an error (resourceVersion expired?)');
            }
          },
          (error: unknown) =>
            finish(
              error ? String((error as Error).message ?? error) : 'watch closed'
            )
        )
        .then(
          c => {
            controller = c;
            if (signal?.aborted) {
              c.abort();
            }
          },
          error => (isTransient(error) ? finish(String(error)) : fail(error))
        );
    });
  }
}
