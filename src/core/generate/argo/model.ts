/** The parts of an Argo Workflow (argoproj.io/v1alpha1) that cellpipe emits, as plain data. */
import {
  IContainerSecurityContext,
  IPodSecurityContext
} from '../../settings/security';
import { IToleration } from '../../settings/types';

export interface INamed {
  name: string;
}

export interface IVolumeMount {
  name: string;
  mountPath: string;
  subPath?: string;
  readOnly?: boolean;
}

export interface IResources {
  limits?: Record<string, string>;
  requests?: Record<string, string>;
}

/** What the `container` and `script` templates share. */
export interface IStepContainer {
  image: string;
  command: string[];
  args: string[];
  env: { name: string; value: string }[];
  resources?: IResources;
  securityContext: IContainerSecurityContext;
  volumeMounts: IVolumeMount[];
}

export interface IArtifactPath {
  name: string;
  path: string;
  globalName?: string;
}

export interface IStepTemplate {
  name: string;
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  inputs?: { parameters?: INamed[]; artifacts?: IArtifactPath[] };
  outputs?: {
    parameters?: {
      name: string;
      valueFrom: { path: string; default: string };
    }[];
    artifacts?: IArtifactPath[];
  };
  /** IntOrString fields, written as strings as Argo's schema describes them. */
  retryStrategy?: { limit: string };
  activeDeadlineSeconds?: string;
  /** The step script's container: its code packed in the command, or in the code volume. */
  container: IStepContainer;
}

export interface IDagTask {
  name: string;
  template: string;
  dependencies?: string[];
  arguments?: {
    parameters?: { name: string; value: string }[];
    artifacts?: { name: string; from: string }[];
  };
}

export interface IDagTemplate {
  name: string;
  dag: { tasks: IDagTask[] };
}

export type IArgoTemplate = IStepTemplate | IDagTemplate;

export interface IVolume {
  name: string;
  emptyDir?: Record<string, never>;
  projected?: { sources: { configMap: { name: string } }[] };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

export interface IVolumeClaimTemplate {
  metadata: { name: string };
  spec: {
    accessModes: string[];
    resources: { requests: { storage: string } };
    storageClassName?: string;
  };
}

export interface IWorkflowSpec {
  entrypoint: string;
  arguments?: { parameters: { name: string; value: string }[] };
  serviceAccountName?: string;
  automountServiceAccountToken: boolean;
  securityContext: IPodSecurityContext;
  imagePullSecrets?: INamed[];
  nodeSelector?: Record<string, string>;
  tolerations?: IToleration[];
  volumeClaimTemplates?: IVolumeClaimTemplate[];
  volumes: IVolume[];
  templates: IArgoTemplate[];
}

export interface IWorkflow {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Workflow';
  metadata: {
    generateName: string;
    /** The namespace from the settings, when set (a submission sets its own). */
    namespace?: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: IWorkflowSpec;
}

export interface IConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: {
    name: string;
    namespace?: string;
    labels: Record<string, string>;
  };
  data: Record<string, string>;
}

/** Fixed paths inside every step container. */
export const PATHS = {
  tmp: '/tmp',
  data: '/cellpipe/data',
  code: '/cellpipe/code',
  metrics: '/tmp/cellpipe-metrics.json',
  artifactsIn: '/tmp/cellpipe/in',
  artifactsOut: '/tmp/cellpipe/out'
} as const;

export const VOLUMES = {
  tmp: 'cellpipe-tmp',
  data: 'cellpipe-data',
  code: 'cellpipe-code'
} as const;
