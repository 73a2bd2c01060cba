/**
 * Whether a line of code changes state kept in an imported module (module-state.ts): calls a
 * setter of the module (`np.random.seed(0)`, `pd.set_option(…)`), a method that changes an
 * object the module holds (`sys.path.append(p)`), sets an item of one (`os.environ["K"] = …`)
 * or sets an attribute of it as a statement (`pd.options.display.precision = 2`), or configures
 * it (`logging.basicConfig(…)`, `sns.set()`, `plt.style.use(…)`, `tqdm.pandas()`).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import {
  CONFIGURING_FUNCTIONS,
  isInPlaceMethod,
  MODULE_STATE_GETTERS,
  MODULE_STATE_SETTERS,
  MUTATING_METHODS,
  RANDOM_DRAWS
} from '../analysis/mutators';

const NONE: readonly string[] = [];

/**
 * The modules among the cell's reads (and the loggers it binds) that its Python configures by one of
 * CONFIGURING_FUNCTIONS: the walker records no change for them (they are no object's mutating
 * methods), so the text is looked at, only in cells that call one of them. This is asked of every
 * cell on every key: the analysis found whether the cell's text has such a call
 * (`mayConfigureModule`), and the reads are listed only where it has.
 */
export function configuredModules(
  analysis: ICellAnalysis,
  modules: ReadonlySet<string>
): readonly string[] {
  if (!analysis.mayConfigureModule) {
    return NONE;
  }
  const { python } = analysis;
  const lines = python.split('\n');
  // A logger the cell itself gets and configures (`log = logging.getLogger("app")`, then
  // `log.setLevel(…)`) is no read of the cell: a later step that takes `log` gets the logger
  // by its name, without the change. (A name may come twice: the caller collects a set.)
  const { reads, loggers } = analysis.names;
  return [...reads.map(read => read.name), ...(loggers ?? NONE)].filter(
    name =>
      modules.has(name) && lines.some(line => changesModuleState(line, name))
  );
}

const patterns = new Map<string, RegExp>();
/** MODULE_STATE_GETTERS as alternatives of a regular expression. */
const GETTERS = [...MODULE_STATE_GETTERS].join('|');

/**
 * Groups: what stands before the name, the attributes after it (and a logger asked for among
 * them: `logging.getLogger("app").setLevel(…)`, MODULE_STATE_GETTERS), then one of: a method called, an item set, an
 * attribute set.
 */
function changePattern(module: string): RegExp {
  let pattern = patterns.get(module);
  if (!pattern) {
    // A Python name has no character a regular expression treats specially.
    pattern = new RegExp(
      `(^|[^\\w.])${module}((?:\\.(?:${GETTERS})\\([^()]*\\)|\\.\\w+)*)(?:\\.(\\w+)\\s*\\(|(\\[[^\\]]*\\]\\s*=[^=])|(\\s*=[^=]))`,
      'gu'
    );
    patterns.set(module, pattern);
  }
  return pattern;
}

export function changesModuleState(line: string, module: string): boolean {
  // A draw changes the global generator too, but without a seed its numbers differ from one run
  // to the next anyway: only a change one can count on is worth a word.
  // A function of the module itself changes its state only where it is a setter (np.append
  // and re.compile return values); a method of an object it holds (sys.path.append) changes it.
  // An attribute set counts where it is the statement: `x: np.ndarray = a` annotates.
  return [...line.matchAll(changePattern(module))].some(found => {
    const [, before, attributes, method, item, set] = found;
    if (method !== undefined) {
      return (
        MODULE_STATE_SETTERS.has(method) ||
        CONFIGURING_FUNCTIONS.has(method) ||
        (attributes !== '' &&
          (MUTATING_METHODS.has(method) || isInPlaceMethod(method)) &&
          !RANDOM_DRAWS.has(method))
      );
    }
    if (item !== undefined) {
      return true;
    }
    const start = line.slice(0, (found.index ?? 0) + before.length);
    return set !== undefined && attributes !== '' && /(^|;)\s*$/u.test(start);
  });
}
