/**
 * An error outside a command's own handling (its code failing to load) is said on stderr as an
 * internal error, with exit code 70: before, `cellpipe` exited 70 printing nothing.
 */
jest.mock('../../src/cli/commands/index', () => ({
  commands: [
    {
      name: 'broken',
      load: () => {
        throw new Error('the command could not load');
      }
    }
  ]
}));

import { runMain } from '../../src/cli/main';

it('says why when a command cannot load, and exits 70', async () => {
  const written: string[] = [];
  const write = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  const before = process.exitCode;
  try {
    runMain(['broken']);
    await new Promise(resolve => setImmediate(resolve));
    expect(written.join('')).toBe(
      'cellpipe: internal error: the command could not load\n'
    );
    expect(process.exitCode).toBe(70);
  } finally {
    write.mockRestore();
    process.exitCode = before;
  }
});
