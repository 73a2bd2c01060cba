/** Small typed readers over parsed YAML documents, failing with the path when a shape is wrong. */
export type IObject = Record<string, unknown>;

export function isObject(value: unknown): value is IObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): IObject {
  if (value === undefined || value === null) {
    return {};
  }
  if (!isObject(value)) {
    throw new Error(`${path} is not an object`);
  }
  return value;
}

export function listAt(value: unknown, path: string): IObject[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw new Error(`${path} is not a list of objects`);
  }
  return value as IObject[];
}

/** Drops the keys whose value is undefined, so the pod JSON holds only what was set. */
export function defined(object: IObject): IObject {
  return Object.fromEntries(
    Object.entries(object).filter(([, value]) => value !== undefined)
  );
}
