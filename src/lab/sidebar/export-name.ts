/** Where Export YAML writes: beside the notebook, named after it, never over an existing file. */

/** `dir/train.ipynb`, `argo` -> `dir/train.argo.yaml`; the nth try gets `-n`. */
export function exportPath(
  notebookPath: string,
  target: string,
  attempt = 0
): string {
  const slash = notebookPath.lastIndexOf('/');
  const dir = slash >= 0 ? notebookPath.slice(0, slash + 1) : '';
  const file = notebookPath.slice(slash + 1);
  const stem = file.replace(/\.ipynb$/i, '') || 'pipeline';
  const suffix = attempt === 0 ? '' : `-${attempt}`;
  return `${dir}${stem}.${target}${suffix}.yaml`;
}

/** The first export path for which `exists` says no. */
export async function freeExportPath(
  notebookPath: string,
  target: string,
  exists: (path: string) => Promise<boolean>,
  maxAttempts = 100
): Promise<string> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const path = exportPath(notebookPath, target, attempt);
    if (!(await exists(path))) {
      return path;
    }
  }
  throw new Error(
    `${exportPath(notebookPath, target)} and ${maxAttempts - 1} numbered copies exist already; remove some`
  );
}
