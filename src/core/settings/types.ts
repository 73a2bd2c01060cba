/**
 * Settings shapes. Notebook metadata gives a partial INotebookSettings; resolution
 * (built-in defaults < notebook metadata < lab settings / CLI flags) gives IPipelineSettings.
 */
export type Target = 'local' | 'argo' | 'kfp';

/** Per-step settings from tags; everything optional except the maps. */
export interface IStepSettings {
  image?: string;
  /** `limit:cpu:2`, `limit:memory:4Gi`, `limit:nvidia.com/gpu:1` */
  limits: Record<string, string>;
  /** `request:cpu:500m` */
  requests: Record<string, string>;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** `cache:enabled|disabled` */
  cache?: boolean;
  /** `retry:N` */
  retries?: number;
  /** `timeout:DURATION` (30s, 10m, 1h30m, or plain seconds; core/duration) in seconds */
  timeoutSeconds?: number;
}

export interface IToleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
}

/** An existing PersistentVolumeClaim mounted in every step's container (Argo and KFP). */
export interface IVolumeSetting {
  /** The claim's name, in the run's namespace. */
  claim: string;
  /** Absolute, outside /tmp and /cellpipe (the schema's `mountPath`). */
  mountPath: string;
  /** A folder inside the volume to mount instead of its root. */
  subPath?: string;
  readOnly?: boolean;
}

/** Pod and container security. Defaults meet Pod Security Standards `restricted`. */
export interface ISecuritySettings {
  runAsNonRoot: boolean;
  runAsUser: number;
  runAsGroup: number;
  fsGroup: number;
  allowPrivilegeEscalation: boolean;
  dropAllCapabilities: boolean;
  readOnlyRootFilesystem: boolean;
  seccompProfile: 'RuntimeDefault' | 'Unconfined';
  automountServiceAccountToken: boolean;
}

/** What notebook metadata (`metadata.cellpipe` or Kale's `kubeflow_notebook`) may set. */
export interface INotebookSettings {
  name?: string;
  description?: string;
  target?: Target;
  namespace?: string;
  image?: string;
  experiment?: string;
  serviceAccount?: string;
  imagePullSecrets?: string[];
  nodeSelector?: Record<string, string>;
  tolerations?: IToleration[];
  volumes?: IVolumeSetting[];
  security?: Partial<ISecuritySettings>;
  /** Step defaults applied under each step's own tags (Kale's `steps_defaults`). */
  stepDefaults?: Partial<IStepSettings>;
  /** Anything else found under the metadata key, kept for the generators to validate. */
  [key: string]: unknown;
}
