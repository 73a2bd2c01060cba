import { versionProblem } from '../../src/lab/version-problem';

describe('the frontend’s version check', () => {
  it('is quiet when the server extension and the engine match', () => {
    expect(
      versionProblem('0.1.0', {
        version: '0.1.0',
        engine: '0.1.0',
        problem: null
      })
    ).toBeNull();
  });

  it('names both versions when the server extension differs', () => {
    expect(
      versionProblem('0.2.0', {
        version: '0.1.0',
        engine: '0.1.0',
        problem: null
      })
    ).toBe(
      'cellpipe: the lab extension is version 0.2.0 but the server extension is 0.1.0. ' +
        'Rebuild or reinstall cellpipe, then restart JupyterLab.'
    );
  });

  it('says when the engine is stale', () => {
    expect(
      versionProblem('0.1.0', {
        version: '0.1.0',
        engine: '0.0.9',
        problem: null
      })
    ).toMatch(/the engine is version 0\.0\.9 but the lab extension is 0\.1\.0/);
  });

  it('passes on the server’s own problem (no Node, engine not built)', () => {
    expect(
      versionProblem('0.1.0', {
        version: '0.1.0',
        engine: null,
        problem: 'cellpipe needs Node.js 20 or newer; node is v18.19.0'
      })
    ).toBe('cellpipe: cellpipe needs Node.js 20 or newer; node is v18.19.0');
  });
});
