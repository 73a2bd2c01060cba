/**
 * `match` statements CPython's compiler refuses though the grammar takes them: a case whose
 * pattern always matches (a name capture or `_`, also through parentheses, `as` or one
 * alternative of an or-pattern) before other cases, an always-matching alternative before other
 * alternatives, a sequence pattern with two starred names, the names a pattern binds
 * (pattern-captures.ts), and the shape of mapping, class and complex literal patterns
 * (pattern-shapes.ts). Only cells that say `match` and `case` are read.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';
import { patternCaptureErrors } from './pattern-captures';
import { patternShapeErrors } from './pattern-shapes';

const MATCH = /\bmatch\b/;
const CASE = /\bcase\b/;

const SEQUENCES = new Set(['list_pattern', 'tuple_pattern']);
/** Patterns whose shape `pattern-shapes.ts` checks. */
const SHAPED = new Set(['dict_pattern', 'class_pattern', 'complex_pattern']);

export function matchPatternErrors(
  root: IPyNode,
  source: string
): ICompileError[] {
  if (!MATCH.test(source) || !CASE.test(source)) {
    return [];
  }
  const errors: ICompileError[] = [];
  const visit = (node: IPyNode): void => {
    if (node.type === 'match_statement') {
      const body = node.children.find(c => c.field === 'body');
      const cases = body?.children.filter(c => c.type === 'case_clause') ?? [];
      for (const clause of cases) {
        const pattern = clause.children.find(c => c.type === 'case_pattern');
        if (pattern) {
          errors.push(...patternCaptureErrors(pattern, source));
        }
      }
      cases.slice(0, -1).forEach(clause => {
        const pattern = clause.children.find(c => c.type === 'case_pattern');
        const guarded = clause.children.some(c => c.field === 'guard');
        const always = pattern && !guarded && matchesAlways(pattern, source);
        if (always) {
          errors.push(unreachableAfter(always, source));
        }
      });
    } else if (node.type === 'union_pattern') {
      const alternatives = node.children.filter(c => c.named);
      for (const alternative of alternatives.slice(0, -1)) {
        const always = matchesAlways(alternative, source);
        if (always) {
          errors.push(unreachableAfter(always, source));
          break;
        }
      }
    } else if (SHAPED.has(node.type)) {
      errors.push(...patternShapeErrors(node, source));
    } else if (SEQUENCES.has(node.type)) {
      const starred = node.children.filter(c =>
        c.children.some(g => g.type === 'splat_pattern')
      );
      if (starred.length > 1) {
        errors.push({
          offset: node.from,
          reason: 'multiple starred names in sequence pattern'
        });
      }
    }
    node.children.forEach(visit);
  };
  visit(root);
  return errors;
}

/**
 * The capture (a dotted name of one identifier) or wildcard (an empty case pattern, `_`) that
 * makes `pattern` match any subject, or null.
 */
function matchesAlways(pattern: IPyNode, source: string): IPyNode | null {
  const parts = pattern.children.filter(c => c.named);
  switch (pattern.type) {
    case 'case_pattern':
      if (!parts.length) {
        return pattern; // `_`
      }
      return parts.length === 1 ? matchesAlways(parts[0], source) : null;
    case 'dotted_name':
      return parts.length === 1 ? pattern : null;
    case 'as_pattern':
      return parts[0] ? matchesAlways(parts[0], source) : null;
    case 'tuple_pattern': {
      // `(x)` is a group, `(x,)` a tuple of one
      const only = parts.length === 1 ? parts[0] : null;
      const group = only && !source.slice(only.to, pattern.to).includes(',');
      return group ? matchesAlways(only, source) : null;
    }
    case 'union_pattern':
      for (const alternative of parts) {
        const always = matchesAlways(alternative, source);
        if (always) {
          return always;
        }
      }
      return null;
    default:
      return null;
  }
}

function unreachableAfter(always: IPyNode, source: string): ICompileError {
  return {
    offset: always.from,
    reason:
      always.type === 'dotted_name'
        ? `name capture '${source.slice(always.from, always.to)}' makes remaining patterns unreachable`
        : 'wildcard makes remaining patterns unreachable'
  };
}
