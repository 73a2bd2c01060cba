/**
 * The `yamlBlock` filter: a multi-line string as a YAML literal block scalar (`|`), so step code
 * stays readable in the emitted document. The block keeps the text exactly: the chomping
 * indicator matches its trailing line breaks. Text a literal block cannot carry exactly (control
 * characters, YAML 1.1 line breaks such as NEL, a first line starting with white space, a line
 * of only white space) falls back to the `json` filter's double-quoted form, which can.
 */
import { UserError } from '../../errors';
import { toJsonText } from './json';

/** Tab and line feed are the only control characters a literal block keeps exactly. */
function blockSafe(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const control =
      (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
      (code >= 0x7f && code <= 0x9f) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0xfeff ||
      code === 0xfffe ||
      code === 0xffff ||
      (code >= 0xd800 && code <= 0xdfff && !pairedSurrogate(text, i));
    if (control) {
      return false;
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      i++;
    }
  }
  return true;
}

function pairedSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(index + 1);
    return next >= 0xdc00 && next <= 0xdfff;
  }
  return false;
}

/**
 * `source: {{ code | yamlBlock(6) }}` where the key sits at column `indent - 2` or less:
 * the block's lines are indented by `indent` spaces.
 */
export function yamlBlock(value: unknown, indent: number): string {
  if (typeof value !== 'string') {
    throw new UserError(
      `yamlBlock expects text, got ${value === null ? 'null' : typeof value}`
    );
  }
  const body = value.replace(/\n+$/, '');
  const trailing = value.length - body.length;
  const lines = body.split('\n');
  const usable =
    body.length > 0 &&
    blockSafe(value) &&
    !/^[ \t]/.test(lines[0]) &&
    lines.every(line => line === '' || /\S/.test(line));
  if (!usable) {
    return toJsonText(value);
  }
  const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
  const pad = ' '.repeat(indent);
  const content = lines.map(line => (line === '' ? '' : pad + line));
  for (let i = 1; i < trailing; i++) {
    content.push('');
  }
  return `|${chomp}\n${content.join('\n')}`;
}
