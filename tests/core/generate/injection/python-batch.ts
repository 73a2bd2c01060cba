/**
 * Collects generated Python scripts during the property runs and checks them all in ONE Python
 * process at the end: each must compile (compile(), the same check as py_compile without writing
 * .pyc files), and where expectations are given, the script's top-level constants (for example
 * NOTEBOOK, PARAMETERS) must evaluate, as Python reads them, to exactly the expected values.
 *
 * Speed: every script ends in the same runtime (templates/runtime/cellpipe_runtime.py, ~27 KB).
 * A script is split where the runtime starts (its first line, RUNTIME_MARKER); the head (where
 * every injected value lives) is compiled for every script, a runtime tail only the first time
 * that exact text is seen. Two texts that each compile as a
 * module also compile one after the other, so this is the same verdict; the first scripts are
 * compiled whole as well, to keep that honest.
 */
import { runPython } from '../../../support/python';

/** The runtime's first line: where a step script's own part ends. */
export const RUNTIME_MARKER = '# ---- cellpipe step runtime';

const CHECK_ALL = `
import ast, json, sys

def plain(value):
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    return value

RUNTIME = "\\n" + ${JSON.stringify(RUNTIME_MARKER)}
WHOLE = 20
failures = []
tails = set()
scripts = json.loads(sys.stdin.read())
for index, (name, source, expected) in enumerate(scripts):
    cut = source.find(RUNTIME)
    head, tail = (source, "") if cut < 0 else (source[:cut + 1], source[cut + 1:])
    try:
        tree = ast.parse(head, name)
        compile(tree, name, "exec")
        if tail not in tails:
            compile(tail, name + " (runtime)", "exec")
            tails.add(tail)
        if index < WHOLE:
            compile(source, name, "exec")
    except (SyntaxError, ValueError) as error:
        failures.append("%s: %s: %s" % (name, type(error).__name__, error))
        continue
    if not expected:
        continue
    # JSON cannot say 1e18 is a float: a float parameter's default is compared as a float.
    for entry in expected.get("PARAMETERS", []):
        if entry[1] == "float":
            entry[2] = float(entry[2])
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in expected:
                found[node.targets[0].id] = plain(ast.literal_eval(node.value))
    for key, value in expected.items():
        if key not in found:
            failures.append("%s: no top-level %s" % (name, key))
        elif found[key] != value or type(found[key]) != type(value):
            failures.append("%s: %s is %r, expected %r" % (name, key, found[key], value))
print(json.dumps({"compiled": len(scripts), "failures": failures[:20]}))
`;

export class PythonBatch {
  private readonly scripts: [string, string, Record<string, unknown>][] = [];

  add(
    name: string,
    source: string,
    expected: Record<string, unknown> = {}
  ): void {
    this.scripts.push([name, source, expected]);
  }

  get size(): number {
    return this.scripts.length;
  }

  /** Checks everything collected; returns how many were checked and the first failures. */
  compileAll(): { compiled: number; failures: string[] } {
    const result = runPython(['-c', CHECK_ALL], JSON.stringify(this.scripts));
    if (result.status !== 0) {
      throw new Error(`python failed: ${result.stderr.slice(-2000)}`);
    }
    return JSON.parse(result.stdout) as {
      compiled: number;
      failures: string[];
    };
  }
}
