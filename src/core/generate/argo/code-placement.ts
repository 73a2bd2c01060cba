/**
 * Where step code goes. Inline (a `script` template per step) while the Workflow stays under
 * the size budget; otherwise every script moves into ConfigMaps, mounted together through one
 * projected volume, and steps share templates. Sizes are those the apiserver stores: the
 * object's compact JSON in UTF-8.
 */
import { UserError } from '../../errors';
import { IPipelineIR } from '../../ir/pipeline';
import { IConfigMap } from './model';

/** A ConfigMap must stay under 1 MiB in all; leave room for its metadata. */
export const CONFIG_MAP_DATA_LIMIT = 900 * 1024;

const encoder = new TextEncoder();

export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

export function textBytes(text: string): number {
  return encoder.encode(text).length;
}

/** The script's key in the code volume (`<step>.py`). */
export function scriptKey(step: string): string {
  return `${step}.py`;
}

/** Packs the scripts, in step order, into as few ConfigMaps as the data limit allows. */
export function codeConfigMaps(
  ir: IPipelineIR,
  scripts: Map<string, string>,
  baseName: string,
  labels: Record<string, string>
): IConfigMap[] {
  const maps: IConfigMap[] = [];
  let current: IConfigMap | undefined;
  let used = 0;
  for (const step of ir.steps) {
    const source = scripts.get(step.name) as string;
    const key = scriptKey(step.name);
    const size = textBytes(key) + textBytes(source);
    if (size > CONFIG_MAP_DATA_LIMIT) {
      throw new UserError(
        `step '${step.name}' is ${Math.ceil(size / 1024)} KiB of code, more than one ConfigMap ` +
          `holds (${CONFIG_MAP_DATA_LIMIT / 1024} KiB); split the step or move data out of the code`,
        { notebook: ir.notebook, cell: step.cells[0] }
      );
    }
    if (!current || used + size > CONFIG_MAP_DATA_LIMIT) {
      current = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: `${baseName}-code-${maps.length + 1}`,
          labels: { ...labels }
        },
        data: {}
      };
      maps.push(current);
      used = 0;
    }
    current.data[key] = source;
    used += size;
  }
  return maps;
}
