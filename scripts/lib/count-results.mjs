// Adds up the results every suite left in $CELLPIPE_RESULTS (Jest JSON, JUnit XML) and prints
// the closing line `tests: N passed, N failed, N skipped`. Exits 1 if nothing ran.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(dir)) {
  const text = readFileSync(join(dir, file), 'utf8');
  let p = 0;
  let f = 0;
  let s = 0;
  if (file.endsWith('.json')) {
    const jest = JSON.parse(text);
    p = jest.numPassedTests;
    f = jest.numFailedTests + (jest.numRuntimeErrorTestSuites || 0);
    s = jest.numPendingTests + (jest.numTodoTests || 0);
  } else if (file.endsWith('.xml')) {
    // Count <testcase> elements and their outcomes, whatever wraps them.
    for (const m of text.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
      const body = m[2] || '';
      if (/<(failure|error)\b/.test(body)) {
        f++;
      } else if (/<skipped\b/.test(body)) {
        s++;
      } else {
        p++;
      }
    }
  } else {
    continue;
  }
  console.log(`  ${file}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(passed > 0 && failed === 0 ? 0 : 1);
