/**
 * The files a cell's code names, and which of them it writes: the IR needs them to see a step
 * reading a file that an unordered earlier step writes (steps hand on variables, not files).
 * A file is named by a path `path-expressions.ts` can follow: a plain literal, or a path joined
 * from literals and names (`os.path.join(DATA, "x.csv")`, `DATA / "x.csv"`, `f"{DATA}/x.csv"`).
 * A URL or a glob is not a file name one can follow, and neither is a string standing alone (a
 * docstring). A path with names is kept as a pattern: the IR follows it where shared cells
 * (imports, functions, parameters) bind those names to paths (`DATA = Path("data")`).
 */
import { analysisTree, ICellAnalysis } from './cell-analysis';
import { field, IPyNode } from './python-tree';
import { Positions } from './positions';
import {
  endsInExtension,
  PathPart,
  pathParts,
  resolvePath
} from './path-expressions';
import { modelFolder } from './model-folders';
import { callArgument } from './call-arguments';

export interface IFileName {
  path: string;
  /** True where the path is the file of a call that writes it. */
  written: boolean;
  /**
   * True where a call writes or reads a folder there (`z.extractall("data")`,
   * `from_pretrained("model")`): a name that looks like no file's, and a folder written holds
   * the files in it.
   */
  isFolder?: boolean;
  /** Where the path's expression starts: 1-based line, 0-based column. */
  line: number;
  column: number;
}

/** A path built with names (a name alone passed to a call included), and whether it is written. */
export interface IFilePattern {
  parts: readonly PathPart[];
  /** The names among the parts: the IR skips the pattern unless shared cells bind them all. */
  names: readonly string[];
  written: boolean;
  isFolder?: boolean;
  line: number;
  column: number;
}

interface ICellFiles {
  names: readonly IFileName[];
  patterns: readonly IFilePattern[];
}

/** Calls that write the file named in their arguments (or in their receiver's, `Path(p).write_text`). */
const WRITERS =
  /^(to_[a-z_]+|save[a-z_]*|dump|savefig|savetxt|imwrite|imsave|write_text|write_bytes|urlretrieve)$/;
/** Where a call takes a folder: its positional index, or its keyword. */
interface IFolderArgument {
  at: number;
  keyword: string;
}

/**
 * Calls that write a folder of files, by where they take it: an archive extracted into `path`
 * (zipfile's and tarfile's `extractall`), `shutil.unpack_archive(file, extract_dir)`,
 * `shutil.copytree(src, dst)`, a Hugging Face model or tokenizer saved
 * (`save_pretrained(save_directory)`). Only that argument is written (a copy's source is read).
 */
const FOLDER_WRITERS: ReadonlyMap<string, IFolderArgument> = new Map([
  ['extractall', { at: 0, keyword: 'path' }],
  ['unpack_archive', { at: 1, keyword: 'extract_dir' }],
  ['copytree', { at: 1, keyword: 'dst' }],
  ['save_pretrained', { at: 0, keyword: 'save_directory' }]
]);

/**
 * Calls that read a folder named as no file is: a Hugging Face model loaded from one
 * (`from_pretrained("my_model")`). A hub id (`"bert-base-uncased"`) is read as a folder too,
 * harmlessly: no step writes it, and none lies next to the notebook.
 */
const FOLDER_READERS: ReadonlyMap<string, IFolderArgument> = new Map([
  ['from_pretrained', { at: 0, keyword: 'pretrained_model_name_or_path' }]
]);
/** `open`'s modes that write. */
const WRITE_MODE = /[wax+]/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
/** Expressions that may build a path (identifiers count only when passed to a call). */
const PATH_EXPRESSIONS = new Set([
  'string',
  'concatenated_string',
  'binary_operator',
  'call',
  'parenthesized_expression'
]);

/** A call by one of those names, in the text: what `mayWriteFile` looks for. */
const WRITER_CALL =
  /\b(open|to_[a-z_]+|save[a-z_]*|dump|savefig|savetxt|imwrite|imsave|write_text|write_bytes|urlretrieve|extractall|unpack_archive|copytree)\s*\(/;

const cached = new WeakMap<ICellAnalysis, ICellFiles>();

/** Whether the code may write a file: false when no writing call appears in it at all. */
export function mayWriteFile(python: string): boolean {
  return WRITER_CALL.test(python);
}

/** The cell's file names in source order (kept as long as the analysis is). */
export function cellFileNames(analysis: ICellAnalysis): readonly IFileName[] {
  return cellFiles(analysis).names;
}

/** The cell's paths built with names, in source order. */
export function cellFilePatterns(
  analysis: ICellAnalysis
): readonly IFilePattern[] {
  return cellFiles(analysis).patterns;
}

function cellFiles(analysis: ICellAnalysis): ICellFiles {
  let files = cached.get(analysis);
  if (!files) {
    files = fileNames(analysis.python, analysisTree(analysis));
    cached.set(analysis, files);
  }
  return files;
}

function fileNames(python: string, root: IPyNode): ICellFiles {
  const written = new Set<number>();
  /** The start offsets of the folders a call writes or reads. */
  const folders = new Set<number>();
  const found: { node: IPyNode; parts: PathPart[] }[] = [];
  const visit = (node: IPyNode, parent: IPyNode | null) => {
    if (node.type === 'call') {
      markWritten(python, node, written, folders);
    }
    const isString =
      node.type === 'string' || node.type === 'concatenated_string';
    if (
      PATH_EXPRESSIONS.has(node.type) ||
      (node.type === 'identifier' && isArgument(node, parent))
    ) {
      const parts =
        isString && standsAlone(node, parent) ? null : pathParts(python, node);
      if (parts) {
        found.push({ node, parts });
        return;
      }
      if (isString) {
        return; // a docstring, bytes, or an f-string with expressions
      }
    }
    for (const child of node.children) {
      visit(child, node);
    }
  };
  visit(root, null);
  const names: IFileName[] = [];
  const patterns: IFilePattern[] = [];
  let positions: Positions | null = null;
  for (const { node, parts } of found) {
    const partNames = namesIn(parts);
    const named = partNames.length !== 0;
    const path = named ? null : resolvePath(parts, () => undefined);
    const folder = folders.has(node.from);
    if (
      !named &&
      (path === null || !(folder ? isFolderName(path) : isFileName(path)))
    ) {
      continue;
    }
    positions ??= new Positions(python);
    const at = {
      written: written.has(node.from),
      ...(folder ? { isFolder: true } : {}),
      ...positions.at(node.from)
    };
    if (path !== null) {
      names.push({ path: folder ? folderPath(path) : path, ...at });
    } else {
      patterns.push({ parts, names: partNames, ...at });
    }
  }
  return { names, patterns };
}

function namesIn(parts: readonly PathPart[]): string[] {
  const names: string[] = [];
  for (const part of parts) {
    if (typeof part === 'object' && 'name' in part) {
      names.push(part.name);
    }
  }
  return names;
}

/**
 * The paths a cell binds at its top level (`DATA = Path("data")`, `OUT = "clean.csv"`), in
 * order, each as parts to resolve: code that uses such a name uses that path.
 */
export function cellPathConstants(
  analysis: ICellAnalysis
): readonly [string, readonly PathPart[]][] {
  let constants = pathConstantsOf.get(analysis);
  if (!constants) {
    constants = readPathConstants(analysis);
    pathConstantsOf.set(analysis, constants);
  }
  return constants;
}

/** cellPathConstants of each analysis (the IR asks on every key, for every step's cells). */
const pathConstantsOf = new WeakMap<
  ICellAnalysis,
  readonly [string, readonly PathPart[]][]
>();

function readPathConstants(
  analysis: ICellAnalysis
): [string, readonly PathPart[]][] {
  const python = analysis.python;
  const constants: [string, readonly PathPart[]][] = [];
  for (const statement of analysisTree(analysis).children) {
    const assignment = statement.children[0];
    if (
      statement.type !== 'expression_statement' ||
      assignment?.type !== 'assignment'
    ) {
      continue;
    }
    const left = field(assignment, 'left');
    const right = field(assignment, 'right');
    const parts = right ? pathParts(python, right) : null;
    if (left?.type === 'identifier' && parts) {
      constants.push([python.slice(left.from, left.to), parts]);
    }
  }
  return constants;
}

/** A name passed straight to a call, by position or by keyword. */
function isArgument(node: IPyNode, parent: IPyNode | null): boolean {
  return (
    parent?.type === 'argument_list' ||
    (parent?.type === 'keyword_argument' && node.field === 'value')
  );
}

/**
 * Marks the string arguments a writing call writes (their start offsets), and in `folders` the
 * folders a call writes or reads (FOLDER_WRITERS, FOLDER_READERS, and models saved to or loaded
 * from a folder: model-folders.ts).
 */
function markWritten(
  python: string,
  call: IPyNode,
  written: Set<number>,
  folders: Set<number>
) {
  const callee = field(call, 'function');
  const args = field(call, 'arguments');
  if (!callee || !args) {
    return;
  }
  const text = (node: IPyNode) => python.slice(node.from, node.to);
  const name =
    callee.type === 'identifier'
      ? python.slice(callee.from, callee.to)
      : callee.type === 'attribute'
        ? attributeName(python, callee)
        : '';
  const folderAt = FOLDER_WRITERS.get(name) ?? FOLDER_READERS.get(name);
  if (folderAt) {
    const folder = callArgument(args, folderAt.at, [folderAt.keyword], text);
    if (folder) {
      folders.add(folder.from);
      if (FOLDER_WRITERS.has(name)) {
        written.add(folder.from);
      }
    }
    return;
  }
  const model = modelFolder(python, callee, args);
  if (model) {
    folders.add(model.path.from);
    if (model.writes) {
      written.add(model.path.from);
    }
    return;
  }
  if (name === 'open') {
    const mode = callArgument(args, 1, ['mode'], text);
    const parts = mode?.type === 'string' ? pathParts(python, mode) : null;
    const modeText = parts?.every(p => typeof p === 'string')
      ? parts.join('')
      : null;
    const file = callArgument(args, 0, ['file'], text);
    if (modeText !== null && WRITE_MODE.test(modeText) && file) {
      written.add(file.from);
    }
    return;
  }
  if (!WRITERS.test(name)) {
    return;
  }
  for (const arg of args.children) {
    const value = arg.type === 'keyword_argument' ? field(arg, 'value') : arg;
    if (value?.named) {
      written.add(value.from);
    }
  }
  // `Path("out.txt").write_text(...)`, `(DATA / "n.md").write_text(...)`: the receiver is the file.
  const receiver = field(callee, 'object');
  if (receiver) {
    written.add(receiver.from);
  }
}

function attributeName(python: string, attribute: IPyNode): string {
  const name = field(attribute, 'attribute');
  return name ? python.slice(name.from, name.to) : '';
}

/** Whether a path looks like a file's: an extension, or a directory in it; no URL or glob. */
export function isFileName(text: string): boolean {
  if (!text || text.length > 260 || /[\n\0{}*?]/.test(text) || URL.test(text)) {
    return false;
  }
  return endsInExtension(text) || text.includes('/');
}

/** A folder's path as one name, with or without its trailing slash: `data/` is `data`. */
export function folderPath(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * Whether a path a call writes a folder to can be followed: relative or not, but no URL, no
 * glob, not the working folder itself (`.`, which holds every file).
 */
export function isFolderName(text: string): boolean {
  const folder = folderPath(text);
  return (
    folder !== '' &&
    folder !== '.' &&
    folder.length <= 260 &&
    !/[\n\0{}*?]/.test(folder) &&
    !URL.test(folder)
  );
}

/** A string that is a statement by itself: a docstring, or a note. */
function standsAlone(node: IPyNode, parent: IPyNode | null): boolean {
  return (
    parent?.type === 'expression_statement' && parent.children.length === 1
  );
}
