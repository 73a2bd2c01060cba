/** Built-in defaults: the bottom layer of settings resolution. */
import { ISecuritySettings } from './types';
import { IArgoSettings } from './resolved';

/**
 * Meets Pod Security Standards `restricted`. uid 1000 / gid 100 is the Jupyter Docker Stacks
 * user (`jovyan`, group `users`), so common notebook images can read their own files.
 */
export const DEFAULT_SECURITY: ISecuritySettings = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 100,
  fsGroup: 100,
  allowPrivilegeEscalation: false,
  dropAllCapabilities: true,
  readOnlyRootFilesystem: true,
  seccompProfile: 'RuntimeDefault',
  automountServiceAccountToken: false
};

export const DEFAULT_IMAGE = 'python:3.11-slim';

export const DEFAULT_ARGO: IArgoSettings = {
  dataPassing: 'volume',
  accessMode: 'ReadWriteOnce',
  volumeSize: '1Gi',
  sizeBudgetBytes: 256 * 1024
};
