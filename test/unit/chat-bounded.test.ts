// A chat message costs the same whatever it holds: capped before any pattern
// runs, and the patterns never retry from every position (issue 12: 28,000
// commas took 2.6 s, 200 KB took 142 s).
import { expect } from 'chai';
import { MAX_COMMAND_CHARS, parseChat } from '../../bot/chat-commands';

const TODAY = '2023-03-06';
const timed = (text: string) => {
  const started = process.hrtime.bigint();
  const intent = parseChat(text, TODAY);
  return { intent, ms: Number(process.hrtime.bigint() - started) / 1e6 };
};

describe('chat text is bounded work', () => {
  it('a message longer than the cap is answered without being read as a command', () => {
    const { intent, ms } = timed('my actions' + ','.repeat(28_000) + ' x');
    expect(intent).to.deep.equal({
      kind: 'unclear',
      problem: `That message is too long to be a command (more than ${MAX_COMMAND_CHARS} characters).`,
    });
    expect(ms).to.be.below(20);
    expect(timed('x'.repeat(200 * 1024)).ms).to.be.below(20);
  });

  it('the worst shapes within the cap take well under a millisecond a character', () => {
    const n = MAX_COMMAND_CHARS - 2;
    const shapes = [
      ','.repeat(n) + 'x',
      ' ,'.repeat(n / 2) + 'x',
      '.'.repeat(n) + 'x',
      'please '.repeat(n / 7),
      ', please'.repeat(n / 8) + 'x',
      '<at>'.repeat(n / 4),
      'thanks,'.repeat(n / 7) + 'x',
    ];
    for (const text of shapes) expect(timed(text).ms, text.slice(0, 20)).to.be.below(20);
  });

  it('still reads commands with courtesies and punctuation around them', () => {
    expect(parseChat('my actions, please!!', TODAY)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('please update 1.1.3 thanks.', TODAY)).to.deep.equal({ kind: 'update', ref: '1.1.3' });
    expect(parseChat('1.1.3 no change, cheers', TODAY)).to.deep.equal({ kind: 'noChange', ref: '1.1.3' });
    expect(parseChat('delegate 1.1.3 to Jo Beta', TODAY)).to.deep.equal({ kind: 'delegate', ref: '1.1.3', to: 'Jo Beta' });
  });
});
