/**
 * Which Python runs the steps: `--python` (in the lab: the Local Python setting), else
 * CELLPIPE_PYTHON, else the interpreter of the notebook's kernel, else `python3` on PATH.
 *
 * The kernel's interpreter is resolved as Jupyter resolves it when it starts that kernel. Under
 * a Jupyter server, the server extension does that with the server's own KernelSpecManager and
 * passes the result (`IKernelPythons`): a kernel.json whose argv[0] is `python`/`python3` means
 * the server's own `sys.executable`. Without one (the CLI), kernel.json is read here, and only an
 * absolute argv[0] (or `python`/`python3` when CELLPIPE_NATIVE_PYTHON names the interpreter
 * that plays the server's part, as the `cellpipe` console script does) is taken; that script
 * also names the interpreter's prefix (CELLPIPE_NATIVE_PREFIX), whose share/jupyter is searched.
 * The choice is checked (and its version read, for the step cache) before anything runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../../core/errors';

export interface IPython {
  /** The command as chosen (a path or a name on PATH). */
  command: string;
  /** Where the choice came from, for messages. */
  source: string;
  /** `sys.executable` as the interpreter reports it. */
  executable: string;
  /** `sys.version`. */
  version: string;
  /**
   * The pickler the runtime saves generic values with there: cloudpickle when it is installed
   * (or joblib carries a copy, as joblib 1.4 and earlier do), else pickle. Part of the step
   * cache key: outputs saved with one may not load with the other.
   */
  pickler: Pickler;
}

export type Pickler = 'cloudpickle' | 'pickle';

/**
 * The probe's program: prints the executable, whether it is recent enough, the pickler, then the
 * version (last: it may span lines). Written so that an old Python still reaches its version.
 */
const PROBE = [
  'import sys',
  'print(sys.executable)',
  'print(sys.version_info >= (3, 8))',
  'try:',
  '    import importlib.util, os',
  '    found = importlib.util.find_spec("cloudpickle") is not None',
  '    if not found:',
  '        joblib = importlib.util.find_spec("joblib")',
  '        found = bool(joblib and joblib.origin and os.path.isdir(',
  '            os.path.join(os.path.dirname(joblib.origin), "externals", "cloudpickle")))',
  'except Exception:',
  '    found = False',
  'print("cloudpickle" if found else "pickle")',
  'print(sys.version)'
].join('\n');

export interface IPythonChoice {
  command: string;
  source: string;
}

/** Kernel interpreters as the Jupyter server resolved them (see the server extension). */
export interface IKernelPythons {
  /** Kernel name -> the interpreter Jupyter would start for it. */
  kernels: Record<string, string>;
  /** The server's default kernel, for a notebook that names none. */
  defaultKernel?: string;
}

/** argv[0] values that Jupyter replaces with its own `sys.executable` (jupyter_client). */
const NATIVE_NAMES = /^python(3(\.\d+)?)?$/;

function kernelDirs(env: NodeJS.ProcessEnv): string[] {
  const dirs = (env.JUPYTER_PATH ?? '').split(':').filter(Boolean);
  dirs.push(
    env.JUPYTER_DATA_DIR ?? join(homedir(), '.local', 'share', 'jupyter')
  );
  // The interpreter's own prefix, as Jupyter's path has it (sys.prefix/share/jupyter): an
  // activated venv's, and the one the `cellpipe` console script runs under, activated or not.
  for (const prefix of [env.VIRTUAL_ENV, env.CELLPIPE_NATIVE_PREFIX]) {
    if (prefix) {
      dirs.push(join(prefix, 'share', 'jupyter'));
    }
  }
  dirs.push('/usr/local/share/jupyter', '/usr/share/jupyter');
  return dirs.map(d => join(d, 'kernels'));
}

/** The absolute interpreter path of kernel `name` (its kernel.json argv[0]), if there is one. */
export function kernelInterpreter(
  name: string,
  env: NodeJS.ProcessEnv = process.env
): string | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    return undefined;
  }
  for (const dir of kernelDirs(env)) {
    const spec = join(dir, name, 'kernel.json');
    if (!existsSync(spec)) {
      continue;
    }
    try {
      const argv = (
        JSON.parse(readFileSync(spec, 'utf8')) as { argv?: unknown }
      ).argv;
      const first = Array.isArray(argv) ? argv[0] : undefined;
      if (typeof first === 'string' && isAbsolute(first) && existsSync(first)) {
        return first;
      }
      if (
        typeof first === 'string' &&
        NATIVE_NAMES.test(first) &&
        env.CELLPIPE_NATIVE_PYTHON
      ) {
        return env.CELLPIPE_NATIVE_PYTHON;
      }
    } catch {
      // an unreadable kernel.json is the same as none
    }
  }
  return undefined;
}

/** The kernel name from notebook metadata (`kernelspec.name`). */
export function notebookKernelName(notebook: unknown): string | undefined {
  const metadata = (
    notebook as { metadata?: { kernelspec?: { name?: unknown } } }
  )?.metadata;
  const name = metadata?.kernelspec?.name;
  return typeof name === 'string' ? name : undefined;
}

export function choosePython(
  flag: string | undefined,
  kernelName: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  resolved?: IKernelPythons,
  flagSource = '--python'
): IPythonChoice {
  // `"name": ""` in the notebook's kernelspec names no kernel.
  kernelName ||= undefined;
  if (flag) {
    return { command: flag, source: flagSource };
  }
  if (env.CELLPIPE_PYTHON) {
    return { command: env.CELLPIPE_PYTHON, source: 'CELLPIPE_PYTHON' };
  }
  const installed = (name: string | undefined) =>
    resolved &&
    name !== undefined &&
    Object.prototype.hasOwnProperty.call(resolved.kernels, name)
      ? resolved.kernels[name]
      : undefined;
  const own =
    kernelName !== undefined
      ? (installed(kernelName) ?? kernelInterpreter(kernelName, env))
      : undefined;
  if (own) {
    return { command: own, source: `the notebook's kernel '${kernelName}'` };
  }
  // As JupyterLab offers the default kernel for a notebook whose kernel is not installed.
  const missing =
    kernelName !== undefined
      ? `the notebook's kernel '${kernelName}' is not installed`
      : null;
  const fallback = installed(resolved?.defaultKernel);
  if (fallback) {
    const name = `the server's default kernel '${resolved!.defaultKernel}'`;
    return {
      command: fallback,
      source: missing ? `${name} (${missing})` : name
    };
  }
  return {
    command: 'python3',
    source: `the default (python3 on PATH${missing ? `; ${missing}` : ''})`
  };
}

/** What to do about an interpreter that does not work, on the command line. */
export const CLI_PYTHON_ADVICE =
  'pass --python PATH or set CELLPIPE_PYTHON to a Python 3 interpreter';

/** In the lab, where CELLPIPE_PYTHON of the server's environment chose it (the setting empty). */
export const SERVER_PYTHON_ADVICE =
  'set Local Python (Settings › cellpipe) to a Python 3 interpreter, or fix CELLPIPE_PYTHON where jupyter lab was started';

/** The same in the lab, whose runs take the Local Python setting. */
export const LAB_PYTHON_ADVICE =
  "set Local Python (Settings › cellpipe) to a Python 3 interpreter, or leave it empty to use the notebook's kernel";

/** Runs the interpreter once to check it and read its identity; a clear UserError if it fails. */
export function probePython(
  given: IPythonChoice,
  advice = CLI_PYTHON_ADVICE
): IPython {
  // A relative path must still work when the steps run in another working directory.
  const choice = {
    ...given,
    command:
      given.command.includes('/') && !isAbsolute(given.command)
        ? resolve(given.command)
        : given.command
  };
  const probe = spawnSync(choice.command, ['-c', PROBE], {
    encoding: 'utf8',
    timeout: 30_000
  });
  if (probe.error) {
    const missing = (probe.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UserError(
      `the Python interpreter '${choice.command}' (from ${choice.source}) ${missing ? 'does not exist' : `cannot be started: ${probe.error.message}`}; ${advice}`
    );
  }
  const [executable, recent, pickler, ...version] = probe.stdout
    .trim()
    .split('\n');
  if (probe.status !== 0 || !executable) {
    throw new UserError(
      `the Python interpreter '${choice.command}' (from ${choice.source}) failed to start (exit ${probe.status}): ${probe.stderr.trim().split('\n').pop() ?? ''}; ${advice}`
    );
  }
  if (recent !== 'True') {
    throw new UserError(
      `'${choice.command}' (from ${choice.source}) is Python ${version.join(' ')}; cellpipe needs Python 3.8 or newer; ${advice}`
    );
  }
  return {
    ...choice,
    executable: isAbsolute(executable)
      ? executable
      : join(dirname(choice.command), executable),
    version: version.join(' '),
    pickler: pickler === 'cloudpickle' ? 'cloudpickle' : 'pickle'
  };
}
