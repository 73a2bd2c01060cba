/**
 * A dotted import in one step (`import email.mime.text`) serves a later step that uses the
 * submodule through the top name, as top to bottom: the module is handed on by name with the
 * submodules loaded under it. Before, the later step got `email` alone and failed with
 * "module 'email' has no attribute 'mime'".
 */
import {
  notebookInTempDir,
  expectSameAsTopToBottom
} from '../engine/local/local-run';

const CELLS = [
  {
    source: 'import email.mime.text\nimport xml.etree.ElementTree as ET',
    tags: ['step:load']
  },
  {
    source: [
      'kind = email.mime.text.MIMEText("hi")["Content-Type"]',
      'tag = ET.fromstring("<a><b/></a>")[0].tag',
      'etree_name = ET.__name__'
    ].join('\n'),
    tags: ['step:use']
  },
  {
    source: 'print(kind)\nprint(tag)\nprint(etree_name)',
    tags: ['pipeline-metrics']
  }
];

describe('a dotted import in an earlier step', () => {
  const { notebook, home } = notebookInTempDir(
    'dotted-imports',
    'imports.ipynb',
    CELLS
  );

  it.each([[[]], [['--no-warm']]])(
    'reaches the later step with its submodules (%j), as top to bottom',
    flags => {
      expectSameAsTopToBottom(
        home,
        notebook,
        {
          kind: 'text/plain; charset="us-ascii"',
          tag: 'b',
          etree_name: 'xml.etree.ElementTree'
        },
        flags
      );
    }
  );
});
