/**
 * Mapping and class patterns CPython refuses though the grammar takes them: `**rest` not last
 * in a mapping pattern, a key given twice (`{'a': x, 'a': y}`, for keys that are plain strings,
 * decimal integers, True, False or None), a positional pattern after a keyword one
 * (`C(a=1, b)`), and a keyword given twice (`C(a=1, a=2)`).
 */
import { ICompileError } from './compile-error';
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
  return [];
}

function mappingErrors(node: IPyNode, source: string): ICompileError[] {
  const parts = node.children.filter(c => c.named);
  const rest = parts.findIndex(c => c.type === 'splat_pattern');
  if (rest >= 0 && rest < parts.length - 1) {
    return [{ offset: parts[rest].from, reason: 'invalid syntax' }];
  }
  const seen = new Set<string>();
  for (const key of parts.filter(c => c.field === 'key')) {
    const value = keyValue(source.slice(key.from, key.to));
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

/**
 * What a key equals, as Python compares keys (`True == 1`), for the keys read here; null for
 * any other (an escape, a prefix other than b or r, a float, a dotted name).
 */
function keyValue(text: string): { id: string; repr: string } | null {
  const string = /^([bBrR]{0,2})(['"])([^'"\\\n]*)\2$/.exec(text);
  if (string && !/^[rR]{2}$|^[bB]{2}$/.test(string[1])) {
    const bytes = /[bB]/.test(string[1]);
    return {
      id: `${bytes ? 'b' : 's'}:${string[3]}`,
      repr: `${bytes ? 'b' : ''}'${string[3]}'`
    };
  }
  const constants: Record<string, string> = { True: '1', False: '0' };
  if (text in constants || /^-?(0|[1-9][0-9_]*)$/.test(text)) {
    const digits = constants[text] ?? text.replace(/_/g, '');
    return { id: `n:${BigInt(digits)}`, repr: text.replace(/_/g, '') };
  }
  return text === 'None' ? { id: 'None', repr: 'None' } : null;
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
