/** A parameter typed back from the rerun form: the type of the value the run used. */
export function parseParamValue(
  text: string,
  previous: number | string | boolean | undefined
): number | string | boolean {
  if (typeof previous === 'number') {
    const value = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`"${text}" is not a number`);
    }
    return value;
  }
  if (typeof previous === 'boolean') {
    const lowered = text.trim().toLowerCase();
    if (lowered === 'true' || lowered === 'false') {
      return lowered === 'true';
    }
    throw new Error(`"${text}" is not true or false`);
  }
  return text;
}
