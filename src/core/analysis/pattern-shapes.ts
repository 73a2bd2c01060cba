/**
 * Mapping, class and complex literal patterns CPython refuses though the grammar takes them:
 * `**rest` not last in a mapping pattern, a key given twice (`{'a': x, 'a': y}`, also written
 * apart: `{1: x, 1.0: y}`, `{'a': x, '\x61': y}`; see pattern-keys.ts), a positional pattern
 * after a keyword one (`C(a=1, b)`), a keyword given twice (`C(a=1, a=2)`), and a complex
 * literal that is not a real number and an imaginary one (`1+2`).
 */
import { ICompileError } from './compile-error';
import { patternKey } from './pattern-keys';
import { IPyNode } from './python-tree';

export function patternShapeErrors(
  node: IPyNode,
  source: string
): ICompileError[] {
  if (node.type === 'dict_pattern') {
    return mappingErrors(node, source);
  }
  if (node.type === 'class_pattern') {
    return classErrors(node, source);
  }
  if (node.type === 'complex_pattern') {
    return complexErrors(node, source);
  }
  return [];
}

function mappingErrors(node: IPyNode, source: string): ICompileError[] {
  const parts = node.children.filter(c => c.named);
  const rest = parts.findIndex(c => c.type === 'splat_pattern');
  if (rest >= 0 && rest < parts.length - 1) {
    return [{ offset: parts[rest].from, reason: 'invalid syntax' }];
  }
  const seen = new Set<string>();
  // a negative number's `-` is a key of its own in the tree, before the number
  let negative = false;
  for (const key of node.children.filter(c => c.field === 'key')) {
    if (key.type === '-') {
      negative = true;
      continue;
    }
    const value = patternKey(key, source, negative);
    negative = false;
    if (value === null) {
      continue;
    }
    if (seen.has(value.id)) {
      return [
        {
          offset: key.from,
          reason: `mapping pattern checks duplicate key (${value.repr})`
        }
      ];
    }
    seen.add(value.id);
  }
  return [];
}

function classErrors(node: IPyNode, source: string): ICompileError[] {
  // its first part names the class; then `pattern` or `name=pattern` parts
  const parts = node.children.filter(c => c.named).slice(1);
  const names = new Set<string>();
  let keywords = false;
  for (const part of parts) {
    const keyword = part.children.find(c => c.type === 'keyword_pattern');
    if (!keyword) {
      if (keywords) {
        return [
          {
            offset: part.from,
            reason: 'positional patterns follow keyword patterns'
          }
        ];
      }
      continue;
    }
    keywords = true;
    const nameNode = keyword.children.find(c => c.type === 'identifier');
    const raw = nameNode ? source.slice(nameNode.from, nameNode.to) : '';
    // eslint-disable-next-line no-control-regex
    const name = /^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize('NFKC');
    if (names.has(name)) {
      return [
        {
          offset: keyword.from,
          reason: `attribute name repeated in class pattern: ${name}`
        }
      ];
    }
    names.add(name);
  }
  return [];
}

/**
 * A complex literal pattern is a real number and an imaginary one: `1+2j`. CPython refuses
 * `1+2` ("imaginary number required in complex literal") and `1j+2j` ("real number required
 * in complex literal").
 */
function complexErrors(node: IPyNode, source: string): ICompileError[] {
  const [real, imaginary] = node.children.filter(c => c.named);
  const isImaginary = (part: IPyNode | undefined) =>
    part !== undefined && /[jJ]$/.test(source.slice(part.from, part.to));
  if (real && isImaginary(real)) {
    return [
      { offset: real.from, reason: 'real number required in complex literal' }
    ];
  }
  if (imaginary && !isImaginary(imaginary)) {
    return [
      {
        offset: imaginary.from,
        reason: 'imaginary number required in complex literal'
      }
    ];
  }
  return [];
}
