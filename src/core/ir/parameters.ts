/** `pipeline-parameters` cells: simple literal assignments become typed pipeline parameters. */
import { Tree } from '@lezer/common';
import { IDiagnostic } from './diagnostic';
import { topLevelStatements } from './top-level';
import { IPipelineParameter } from './pipeline';
import { readLiteral } from './python-literal';

export function readParameters(
  cell: number,
  python: string,
  tree?: Tree
): { parameters: IPipelineParameter[]; diagnostics: IDiagnostic[] } {
  const parameters: IPipelineParameter[] = [];
  const diagnostics: IDiagnostic[] = [];
  const { statements } = topLevelStatements(python, tree);
  for (const { node: s, line, column } of statements) {
    const bad = (why: string) =>
      diagnostics.push({
        severity: 'error',
        code: 'bad-parameter',
        message: `${why}; a pipeline-parameters cell may only hold assignments like NAME = 0.01, NAME = 'text' or NAME = True`,
        cell,
        line,
        column
      });
    const parts =
      s.name === 'AssignStatement'
        ? childList(s).filter(c => c.name !== 'TypeDef')
        : [];
    if (
      parts.length !== 3 ||
      parts[0].name !== 'VariableName' ||
      parts[1].name !== 'AssignOp'
    ) {
      bad(
        `'${python.slice(s.from, s.to).split('\n')[0]}' is not a simple assignment`
      );
      continue;
    }
    const name = python.slice(parts[0].from, parts[0].to);
    const literal = readLiteral(parts[2], python);
    if (typeof literal === 'string') {
      bad(`parameter '${name}': ${literal}`);
      continue;
    }
    const existing = parameters.findIndex(p => p.name === name);
    if (existing >= 0) {
      parameters.splice(existing, 1);
    }
    parameters.push({
      name,
      type: literal.type,
      default: literal.value,
      cell,
      line
    });
  }
  return { parameters, diagnostics };
}

function childList(node: { firstChild: any }): any[] {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    out.push(c);
  }
  return out;
}
