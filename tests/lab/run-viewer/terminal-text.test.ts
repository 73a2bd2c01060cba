import { terminalText } from '../../../src/lab/run-viewer/terminal-text';

describe('a step log as a terminal shows it', () => {
  it('leaves colour and cursor codes out', () => {
    expect(
      terminalText('\x1b[31mred text\x1b[0m and \x1b[1;32mbold\x1b[m\n')
    ).toBe('red text and bold\n');
    expect(terminalText('\x1b]0;title\x07after\x1b[2K\n')).toBe('after\n');
  });

  it('shows a line rewritten with \\r as it was left', () => {
    expect(
      terminalText('start\nprogress 10%\rprogress 50%\rprogress 100%\ndone\n')
    ).toBe('start\nprogress 100%\ndone\n');
    expect(terminalText('windows line\r\nnext\r\n')).toBe(
      'windows line\nnext\n'
    );
    expect(terminalText('still going 30%\r')).toBe('still going 30%');
  });

  it('leaves plain text as it is', () => {
    const text = 'a\nb\n\nc';
    expect(terminalText(text)).toBe(text);
  });
});
