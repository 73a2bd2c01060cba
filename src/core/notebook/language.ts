/**
 * The programming language a notebook declares (nbformat: `metadata.language_info.name`, else
 * `metadata.kernelspec.language`). cellpipe analyses and runs Python; an R or Julia notebook
 * would otherwise be read as Python, and much R is valid Python (`x <- c(1, 2)` compares `x`
 * with `-c(1, 2)`), so it would compile into a pipeline that fails at run time.
 */

/** The declared language, or null when the notebook declares none (then Python is assumed). */
export function declaredLanguage(
  metadata: Record<string, unknown>
): string | null {
  const info = metadata.language_info as { name?: unknown } | undefined;
  const kernel = metadata.kernelspec as { language?: unknown } | undefined;
  for (const value of [info?.name, kernel?.language]) {
    if (typeof value === 'string' && value.trim()) {
      return value.trim();
    }
  }
  return null;
}

/** Python as kernels name it: `python` (ipykernel, xeus-python, Pyodide), `python3`, `ipython`. */
export function isPythonLanguage(language: string): boolean {
  return /^i?python\d*$/i.test(language);
}
