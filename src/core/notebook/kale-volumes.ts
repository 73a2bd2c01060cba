/**
 * Kale's `kubeflow_notebook.volumes` as cellpipe's `volumes` setting. A Kale volume of type `pvc`
 * is an existing claim mounted at `mount_point` in every step, which is what `volumes` does. The
 * other types (`new_pvc`, `pv`, and Rok's `clone` and `snapshot`) make or copy a volume when the
 * run starts; cellpipe does not, so each of those is dropped with a warning naming it.
 */
import { dottedKey, settingsProblem } from '../settings/schema';
import { IVolumeSetting } from '../settings/types';
import { isObject } from './model';

export interface IKaleVolumes {
  volumes: IVolumeSetting[];
  /** One message per volume not mounted, for `dropped-setting` warnings. */
  dropped: string[];
}

const shown = (value: unknown, length: number) =>
  JSON.stringify(String(value).slice(0, length));

/** `volume "data-pvc" at "/data" ("new_pvc")`, as far as its fields say. */
function describe(item: Record<string, unknown>): string {
  const name =
    typeof item.name === 'string' && item.name
      ? shown(item.name, 100)
      : '(unnamed)';
  const at =
    typeof item.mount_point === 'string' && item.mount_point
      ? ` at ${shown(item.mount_point, 200)}`
      : '';
  const type =
    typeof item.type === 'string' && item.type
      ? ` (${shown(item.type, 20)})`
      : '';
  return `volume ${name}${at}${type}`;
}

const KALE_FIELDS: Record<string, string> = {
  claim: 'name',
  mountPath: 'mount_point'
};

/** `/data/` → `/data`: Kale's mount points may end in a slash. */
function mountPath(point: string): string {
  return point.length > 1 ? point.replace(/\/+$/, '') : point;
}

export function kaleVolumes(given: unknown[]): IKaleVolumes {
  const volumes: IVolumeSetting[] = [];
  const dropped: string[] = [];
  given.forEach((volume, index) => {
    const item = isObject(volume) ? volume : {};
    const where = `metadata.kubeflow_notebook.volumes[${index}]`;
    if (item.type !== 'pvc') {
      dropped.push(
        `${where}: ${describe(item)} is not mounted in any step: cellpipe mounts only ` +
          "existing claims (Kale's type pvc); steps pass data as artifacts"
      );
      return;
    }
    const mapped = {
      claim: item.name,
      mountPath:
        typeof item.mount_point === 'string'
          ? mountPath(item.mount_point)
          : item.mount_point
    };
    const problem = settingsProblem({ volumes: [mapped] }, dottedKey);
    if (problem) {
      // Named as Kale names them: `name`, `mount_point`.
      const key = problem.key.replace(/^volumes\[0\]\.?/, '');
      const field = KALE_FIELDS[key] ?? 'entry';
      dropped.push(
        `${where}: ${describe(item)} is not mounted in any step: its ${field} ${problem.problem}`
      );
      return;
    }
    volumes.push(mapped as IVolumeSetting);
  });
  return { volumes, dropped };
}
