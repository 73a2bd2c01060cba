/**
 * The settings form's volume rows and the `volumes` setting they stand for. A row keeps what the
 * user typed; the setting it becomes is trimmed, leaves out an empty subPath and a false
 * readOnly, and a row left blank is no volume. Whether the rest is valid is for the settings
 * checks to say (resolveDraft shows their message).
 */
import { IVolumeDraft } from './settings-model';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The rows for the notebook's `volumes` (anything but a list gives none). */
export function volumeDrafts(given: unknown): IVolumeDraft[] {
  if (!Array.isArray(given)) {
    return [];
  }
  return given.map(item => {
    const volume =
      typeof item === 'object' && item !== null
        ? (item as Record<string, unknown>)
        : {};
    return {
      claim: text(volume.claim),
      mountPath: text(volume.mountPath),
      subPath: text(volume.subPath),
      readOnly: volume.readOnly === true
    };
  });
}

/** A new, blank row. */
export function blankVolume(): IVolumeDraft {
  return { claim: '', mountPath: '', subPath: '', readOnly: false };
}

/** The `volumes` setting of the rows. */
export function volumeSettings(
  rows: IVolumeDraft[]
): Record<string, unknown>[] {
  return rows
    .map(row => ({
      claim: row.claim.trim(),
      mountPath: row.mountPath.trim(),
      subPath: row.subPath.trim(),
      readOnly: row.readOnly
    }))
    .filter(row => row.claim || row.mountPath || row.subPath)
    .map(row => ({
      claim: row.claim,
      mountPath: row.mountPath,
      ...(row.subPath ? { subPath: row.subPath } : {}),
      ...(row.readOnly ? { readOnly: true } : {})
    }));
}
