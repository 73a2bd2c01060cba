// What a golden refresh changed, printed when it ends so that no refresh goes by unread: for
// each golden file, new, changed (+added -removed lines, counted by git's own diff) or unchanged,
// then the command that shows the changes to read. Used by scripts/refresh-golden-*.mjs.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** Added and removed lines between two texts, as `git diff --numstat` counts them. */
function lineChanges(before, after) {
  const directory = mkdtempSync(join(tmpdir(), 'cellpipe-golden-'));
  try {
    const [old, now] = [join(directory, 'before'), join(directory, 'after')];
    writeFileSync(old, before);
    writeFileSync(now, after);
    const diff = spawnSync(
      'git',
      ['diff', '--no-index', '--no-color', '--numstat', '--', old, now],
      { encoding: 'utf8' }
    );
    // exit 1: the files differ; anything else but 0 is a failure of git itself
    if (diff.status !== 0 && diff.status !== 1) {
      throw new Error(`git diff --no-index failed: ${diff.stderr}`);
    }
    const [added, removed] = diff.stdout.trim().split(/\s+/).map(Number);
    return { added: added || 0, removed: removed || 0 };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function lineCount(text) {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}

export class GoldenChanges {
  /** `root`: the repository; `folder`: the goldens' folder, named in the summary. */
  constructor(root, folder) {
    this.root = root;
    this.folder = folder;
    this.before = new Map();
  }

  /** Call before (re)writing the golden `path`. */
  remember(path) {
    this.before.set(
      path,
      existsSync(path) ? readFileSync(path, 'utf8') : undefined
    );
  }

  /** Prints what changed in every remembered golden; returns the number of changed files. */
  report() {
    const lines = [];
    let changed = 0;
    let unchanged = 0;
    for (const [path, before] of this.before) {
      const after = readFileSync(path, 'utf8');
      const name = relative(this.root, path);
      if (before === undefined) {
        changed += 1;
        lines.push(`  new        ${name} (${lineCount(after)} lines)`);
      } else if (before !== after) {
        changed += 1;
        const { added, removed } = lineChanges(before, after);
        lines.push(`  changed    ${name} (+${added} -${removed})`);
      } else {
        unchanged += 1;
      }
    }
    const where = relative(this.root, this.folder);
    console.log(
      `\ngolden refresh: ${changed} of ${this.before.size} files changed, ${unchanged} unchanged`
    );
    for (const line of lines) {
      console.log(line);
    }
    if (changed) {
      console.log(
        `Read every change before committing: git diff -- ${where}` +
          ` (new files: git status -- ${where}). A golden is a claim that the output is right.`
      );
    }
    return changed;
  }
}
