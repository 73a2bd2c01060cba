/** Run records: what the run store persists and the CLI, engine and lab show (design §4, §6). */
import { Target } from '../settings/types';

export type RunStatus =
  'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Skipped' | 'Cancelled';

export type RunLinkKind = 'local' | 'argo' | 'kfp-run' | 'kfp-pipeline';

export interface IRunLink {
  kind: RunLinkKind;
  label: string;
  /**
   * Absolute URL for cluster UIs. For local runs, a URL relative to the Jupyter
   * server's base URL: `lab?cellpipe-run=<id>`, which the lab routes to the run viewer.
   */
  url: string;
}

export interface IStepRecord {
  name: string;
  status: RunStatus;
  /** ISO 8601 timestamps. */
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  /** Path of this step's log file (local runs); null where the cluster holds the log. */
  log: string | null;
  /** True when the step's outputs were reused from a cached successful run. */
  cached?: boolean;
  attempts?: number;
  /** One line saying why a step failed or was skipped. */
  message?: string;
  /** The steps this one runs after (local runs; the run viewer draws the DAG from it). */
  after?: string[];
  /** Metrics reported by this step. */
  metrics?: Record<string, number | string | boolean>;
}

export interface IRunRecord {
  id: string;
  status: RunStatus;
  target: Target;
  /** The notebook's path as given (relative to the server root for lab runs). */
  notebook: string;
  /**
   * Only as the engine presents a record: the path the run was made from, when Jupyter has
   * renamed the notebook since (`notebook` is then where it is now). Its messages name the
   * notebook as it was called then.
   */
  ranFrom?: string;
  /**
   * Only as the engine presents a record: Jupyter deleted the run's notebook since, so a
   * notebook now at `notebook` is another one, and the run has nothing to rerun.
   */
  notebookDeleted?: boolean;
  pipeline: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  params: Record<string, number | string | boolean>;
  links: IRunLink[];
  steps: IStepRecord[];
  /** Cluster runs: where it lives. */
  namespace?: string;
  workflowName?: string;
  kfpRunId?: string;
  /** KFP runs: the API the run went to, and whether it is the server's configured one. */
  kfpEndpoint?: string;
  kfpEndpointConfigured?: boolean;
  /** Something the user should know about how the run was made (shown with the run). */
  notice?: string;
  /** One line saying why the run as a whole failed. */
  error?: string;
  /** Local runs: the interpreter the steps ran with, and where that choice came from. */
  python?: { executable: string; version: string; source: string };
}

/** A step that has not started yet, as every run records it when it is created. */
export function pendingStep(
  name: string,
  log: string | null = null
): IStepRecord {
  return {
    name,
    status: 'Pending',
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    log
  };
}
