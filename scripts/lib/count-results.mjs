// Adds up the results every suite left in $CELLPIPE_RESULTS (Jest JSON, JUnit XML) and prints
// the closing line `tests: N passed, N failed, N skipped`. A skipped test is not a passed one:
// the run fails on any skip that tests/skips-allowed.json does not list with its reason, and the
// allowed ones are printed with theirs. Exits 1 if nothing ran, anything failed, or a skip is
// not allowed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** [{ "test": "a regular expression over the suite file and test name", "reason": "why" }] */
const allowlist = JSON.parse(
  readFileSync(join(root, 'tests', 'skips-allowed.json'), 'utf8')
).map(entry => ({ ...entry, pattern: new RegExp(entry.test) }));

function attribute(tag, name) {
  const match = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return match ? match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&') : '';
}

let passed = 0;
let failed = 0;
const skipped = [];
for (const file of readdirSync(dir)) {
  const text = readFileSync(join(dir, file), 'utf8');
  let p = 0;
  let f = 0;
  const s = [];
  if (file.endsWith('.json')) {
    const jest = JSON.parse(text);
    p = jest.numPassedTests;
    f = jest.numFailedTests + (jest.numRuntimeErrorTestSuites || 0);
    for (const suite of jest.testResults ?? []) {
      for (const test of suite.assertionResults ?? []) {
        if (['pending', 'skipped', 'todo', 'disabled'].includes(test.status)) {
          s.push(`${suite.name.slice(root.length + 1)} > ${test.fullName}`);
        }
      }
    }
  } else if (file.endsWith('.xml')) {
    // Count <testcase> elements and their outcomes, whatever wraps them.
    for (const m of text.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const body = m[3] || '';
      if (/<(failure|error)\b/.test(body)) {
        f++;
      } else if (/<skipped\b/.test(body)) {
        s.push(`${file}: ${attribute(m[1], 'classname')} > ${attribute(m[1], 'name')}`);
      } else {
        p++;
      }
    }
  } else {
    continue;
  }
  console.log(`  ${file}: ${p} passed, ${f} failed, ${s.length} skipped`);
  passed += p;
  failed += f;
  skipped.push(...s);
}
const unexplained = [];
for (const name of skipped) {
  const allowed = allowlist.find(entry => entry.pattern.test(name));
  if (allowed) {
    console.log(`  skipped (allowed): ${name}: ${allowed.reason}`);
  } else {
    unexplained.push(name);
    console.log(`  SKIPPED, NOT ALLOWED: ${name}`);
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`);
if (unexplained.length) {
  console.log(
    `${unexplained.length} skipped test(s) are not in tests/skips-allowed.json: a skip is not a pass`
  );
}
process.exit(passed > 0 && failed === 0 && unexplained.length === 0 ? 0 : 1);
