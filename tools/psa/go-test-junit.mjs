// Turns `go test -json` output into JUnit XML, one <testcase> per Go test, so the results of
// tools/psa's own tests count in the CI tally (scripts/lib/count-results.mjs).
// usage: node go-test-junit.mjs GO_TEST.jsonl OUT.xml   (exit 1 if any test failed or none ran)
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const tests = new Map();
let buildFailed = false;
for (const line of readFileSync(input, 'utf8').split('\n')) {
  if (!line.startsWith('{')) {
    continue;
  }
  const event = JSON.parse(line);
  if (!event.Test) {
    buildFailed ||= event.Action === 'fail';
    continue;
  }
  const key = `${event.Package}.${event.Test}`;
  const test = tests.get(key) ?? { ...event, output: '', action: 'run' };
  if (event.Action === 'output') {
    test.output += event.Output;
  } else if (['pass', 'fail', 'skip'].includes(event.Action)) {
    test.action = event.Action;
    test.elapsed = event.Elapsed ?? 0;
  }
  tests.set(key, test);
}
const escape = text =>
  text.replace(
    /[<>&"]/g,
    c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]
  );
const cases = [...tests.values()].map(test => {
  const head = `<testcase classname="${escape(test.Package)}" name="${escape(test.Test)}" time="${test.elapsed ?? 0}"`;
  if (test.action === 'fail') {
    return `${head}><failure message="failed">${escape(test.output)}</failure></testcase>`;
  }
  if (test.action === 'skip') {
    return `${head}><skipped/></testcase>`;
  }
  return `${head}/>`;
});
if (buildFailed && !cases.length) {
  cases.push(
    '<testcase classname="tools/psa" name="build"><failure message="go test failed to build"/></testcase>'
  );
}
const failures = cases.filter(c => c.includes('<failure')).length;
writeFileSync(
  output,
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="psa" tests="${cases.length}" failures="${failures}">\n` +
    cases.join('\n') +
    '\n</testsuite>\n'
);
console.log(
  `psa go tests: ${cases.length - failures} passed, ${failures} failed`
);
process.exit(cases.length && !failures ? 0 : 1);
