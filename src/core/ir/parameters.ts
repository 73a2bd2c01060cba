/** `pipeline-parameters` cells: simple literal assignments become typed pipeline parameters. */
import { pythonName } from '../analysis/python-name';
import { field, IPyNode } from '../analysis/python-tree';
import { IDiagnostic } from './diagnostic';
import { topLevelStatements } from './top-level';
import { IPipelineParameter } from './pipeline';
import { readLiteral } from './python-literal';

export function readParameters(
  cell: number,
  python: string,
  tree?: IPyNode
): {
  parameters: IPipelineParameter[];
  /** Names the cell binds to values refused as parameters (their errors say why). */
  refused: string[];
  diagnostics: IDiagnostic[];
} {
  const parameters: IPipelineParameter[] = [];
  const refused: string[] = [];
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
    const assignment =
      s.type === 'expression_statement' && s.children.length === 1
        ? s.children[0]
        : null;
    const left =
      assignment?.type === 'assignment' ? field(assignment, 'left') : null;
    const right = assignment ? field(assignment, 'right') : null;
    if (
      left?.type !== 'identifier' ||
      !right ||
      right.type === 'assignment' ||
      right.type === 'augmented_assignment'
    ) {
      bad(
        `'${python.slice(s.from, s.to).split('\n')[0]}' is not a simple assignment`
      );
      continue;
    }
    const name = pythonName(python.slice(left.from, left.to));
    const literal = readLiteral(right, python);
    if (typeof literal === 'string') {
      bad(`parameter '${name}': ${literal}`);
      refused.push(name);
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
  return { parameters, refused, diagnostics };
}
