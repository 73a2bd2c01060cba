/**
 * Resolved pipeline settings: what the generators read. Built by `resolveSettings` from the
 * built-in defaults, then notebook metadata, then lab settings or CLI flags (last wins).
 */
import {
  ISecuritySettings,
  IStepSettings,
  IToleration,
  IVolumeSetting,
  Target
} from './types';

/** How Argo steps hand variables to each other. */
export type ArgoDataPassing = 'volume' | 'artifacts';

export interface IArgoSettings {
  /** `volume`: a per-run PVC from `volumeClaimTemplates`; `artifacts`: the artifact repository. */
  dataPassing: ArgoDataPassing;
  /** Storage class of the per-run volume (cluster default when unset). */
  storageClass?: string;
  accessMode: 'ReadWriteOnce' | 'ReadWriteMany' | 'ReadWriteOncePod';
  volumeSize: string;
  /** Step code moves into ConfigMaps once the Workflow would pass this many bytes. */
  sizeBudgetBytes: number;
  /** Argo UI base URL, for run links. */
  uiUrl?: string;
}

export interface IKfpSettings {
  endpoint?: string;
  uiUrl?: string;
}

export interface IPipelineSettings {
  name: string;
  description: string;
  target: Target;
  namespace?: string;
  /** Default step image; a step's `image:` tag wins. */
  image: string;
  experiment?: string;
  serviceAccount?: string;
  imagePullSecrets: string[];
  nodeSelector: Record<string, string>;
  tolerations: IToleration[];
  /** Claims mounted in every step of a cluster run, in the order given. */
  volumes: IVolumeSetting[];
  security: ISecuritySettings;
  /** Applied under each step's own tags. */
  stepDefaults: IStepSettings;
  argo: IArgoSettings;
  kfp: IKfpSettings;
  /** The Python the local runner starts. */
  python?: string;
}

/** What a caller (lab settings, CLI flags) may override; nested groups merge key by key. */
export type ISettingsOverrides = Partial<
  Omit<IPipelineSettings, 'security' | 'argo' | 'kfp' | 'stepDefaults'>
> & {
  security?: Partial<ISecuritySettings>;
  argo?: Partial<IArgoSettings>;
  kfp?: Partial<IKfpSettings>;
  stepDefaults?: Partial<IStepSettings>;
};
