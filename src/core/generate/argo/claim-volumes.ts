/**
 * The settings' `volumes` in a Workflow: each existing PersistentVolumeClaim is one pod volume,
 * mounted in every step's container at its path (Pod Security `restricted` allows
 * `persistentVolumeClaim` volumes).
 */
import { IPipelineSettings } from '../../settings/resolved';
import { IVolume, IVolumeMount } from './model';

/** The pod volume of `volumes[index]`: `volume-1`, … (cellpipe's own are named `cellpipe-…`). */
function volumeName(index: number): string {
  return `volume-${index + 1}`;
}

export function claimVolumes(settings: IPipelineSettings): IVolume[] {
  return settings.volumes.map((volume, index) => ({
    name: volumeName(index),
    persistentVolumeClaim: {
      claimName: volume.claim,
      ...(volume.readOnly ? { readOnly: true } : {})
    }
  }));
}

export function claimMounts(settings: IPipelineSettings): IVolumeMount[] {
  return settings.volumes.map((volume, index) => ({
    name: volumeName(index),
    mountPath: volume.mountPath,
    ...(volume.subPath !== undefined ? { subPath: volume.subPath } : {}),
    ...(volume.readOnly ? { readOnly: true } : {})
  }));
}
