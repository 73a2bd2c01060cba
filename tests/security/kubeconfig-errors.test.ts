/**
 * Issue 14, findings 4 and 8: a missing, empty, malformed or incomplete kubeconfig gives a clear
 * error (exit 2) that names the file and never quotes its content: tokens and keys stay secret.
 * Runs the built CLI, as a user does.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellpipe, ROOT } from '../support/cli';

const SECRET_TOKEN = 'sekret-token-5d1e0c';
const SECRET_KEY = 'LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tc2VrcmV0LWtleQ==';

const work = mkdtempSync(join(tmpdir(), 'cellpipe-kubeconfig-'));
const notebook = join(ROOT, 'examples', 'linear-chain.ipynb');

function submitWith(kubeconfig: string) {
  return cellpipe(['submit', notebook, '--target', 'argo'], {
    cwd: work,
    env: {
      KUBECONFIG: kubeconfig,
      HOME: work,
      CELLPIPE_HOME: join(work, 'state'),
      KUBERNETES_SERVICE_HOST: ''
    }
  });
}

function kubeconfig(name: string, text: string): string {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

function expectClearRefusal(
  result: ReturnType<typeof cellpipe>,
  path: string,
  words: RegExp
) {
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(path);
  expect(result.stderr).toMatch(words);
  expect(result.stderr).not.toMatch(/skipTLSVerify|TypeError|at .*\.js:\d+/);
  const everything = result.stdout + result.stderr;
  expect(everything).not.toContain(SECRET_TOKEN);
  expect(everything).not.toContain(SECRET_KEY);
}

const cluster = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster: {server: "https://127.0.0.1:9"}
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
`;

describe('kubeconfig errors', () => {
  it('no kubeconfig at all (and not in a pod)', () => {
    const path = join(work, 'missing', 'config');
    expectClearRefusal(submitWith(path), path, /does not exist/);
  });

  it('an empty file', () => {
    const path = kubeconfig('empty', '\n');
    expectClearRefusal(submitWith(path), path, /is empty/);
  });

  it('a malformed file holding a token and a key', () => {
    const path = kubeconfig(
      'malformed',
      `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${SECRET_TOKEN}\n` +
        `    client-key-data: ${SECRET_KEY}\n   bad: [indent\n`
    );
    expectClearRefusal(submitWith(path), path, /not a valid kubeconfig/);
  });

  it('a client certificate file that does not exist', () => {
    const certificate = join(work, 'nowhere', 'client.crt');
    const path = kubeconfig(
      'missing-cert',
      `${cluster}users:\n- name: u\n  user:\n    client-certificate: ${certificate}\n` +
        `    client-key-data: ${SECRET_KEY}\n`
    );
    const result = submitWith(path);
    expectClearRefusal(result, path, /client certificate file/);
    expect(result.stderr).toContain(certificate);
  });

  it("a notebook's own problem is said before a missing kubeconfig", () => {
    const braces = join(work, 'braces.ipynb');
    writeFileSync(
      braces,
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { cellpipe: { name: 'My pipeline {{x}}' } },
        cells: [
          {
            cell_type: 'code',
            execution_count: null,
            metadata: { tags: ['step:a'] },
            outputs: [],
            source: 'x = 1'
          }
        ]
      })
    );
    const result = cellpipe(['submit', braces, '--target', 'argo'], {
      cwd: work,
      env: {
        KUBECONFIG: join(work, 'missing-config'),
        HOME: work,
        CELLPIPE_HOME: join(work, 'state'),
        KUBERNETES_SERVICE_HOST: ''
      }
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("the pipeline name holds '{{'");
    expect(result.stderr).not.toContain('missing-config');
  });
});
