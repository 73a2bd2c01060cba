/** `pipeline-metrics` cells: each `print(name)` line reports variable `name` as a metric. */
import { pythonName } from '../analysis/python-name';
import { field, IPyNode, namedChildren } from '../analysis/python-tree';
import { IDiagnostic } from './diagnostic';
import { topLevelStatements } from './top-level';

export interface IMetricUse {
  variable: string;
  cell: number;
  line: number;
  column: number;
}

export function readMetrics(
  cell: number,
  python: string,
  tree?: IPyNode
): { metrics: IMetricUse[]; diagnostics: IDiagnostic[] } {
  const metrics: IMetricUse[] = [];
  const diagnostics: IDiagnostic[] = [];
  const { statements, positions } = topLevelStatements(python, tree);
  for (const { node: s, line, column } of statements) {
    const call =
      s.type === 'expression_statement' && s.children.length === 1
        ? s.children[0]
        : null;
    const callee = call?.type === 'call' ? field(call, 'function') : null;
    const args = call ? field(call, 'arguments') : null;
    const argNodes = args?.type === 'argument_list' ? namedChildren(args) : [];
    if (
      callee?.type === 'identifier' &&
      python.slice(callee.from, callee.to) === 'print' &&
      argNodes.length === 1 &&
      argNodes[0].type === 'identifier' &&
      // `(name)`: no trailing comma
      /^\s*\)$/.test(python.slice(argNodes[0].to, args!.to))
    ) {
      const variable = pythonName(
        python.slice(argNodes[0].from, argNodes[0].to)
      );
      if (!metrics.some(m => m.variable === variable)) {
        const at = positions.at(argNodes[0].from);
        metrics.push({ variable, cell, line: at.line, column: at.column });
      }
      continue;
    }
    diagnostics.push({
      severity: 'warning',
      code: 'bad-metric',
      message: `'${python.slice(s.from, s.to).split('\n')[0]}' is ignored: a pipeline-metrics cell reports metrics with lines like print(accuracy)`,
      cell,
      line,
      column
    });
  }
  return { metrics, diagnostics };
}
