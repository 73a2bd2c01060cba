/** What a target generator returns: the documents as objects and as the text written to disk. */
export type CompileTarget = 'argo' | 'kfp';

export interface ICompiled {
  target: CompileTarget;
  /**
   * Argo: the ConfigMaps (if any), then the Workflow. KFP: the PipelineSpec, then the
   * Kubernetes platform document (when there is one).
   */
  documents: Record<string, unknown>[];
  /** The YAML text, multi-document where there is more than one document. */
  text: string;
}
