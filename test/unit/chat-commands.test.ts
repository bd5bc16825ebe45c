import { expect } from 'chai';
import { parseChat } from '../../bot/chat-commands';

const today = '2023-11-20';

describe('typed chat commands', () => {
  it('reads the commands people type', () => {
    expect(parseChat('my actions', today)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('<at>PlanPulse</at> My Actions ', today)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('update 1.1.3', today)).to.deep.equal({ kind: 'update', ref: '1.1.3' });
    expect(parseChat('1.1.3 no change', today)).to.deep.equal({ kind: 'noChange', ref: '1.1.3' });
    expect(parseChat('away until 2 Jan', today)).to.deep.equal({ kind: 'away', until: '2024-01-02' });
    expect(parseChat("I'm away till 4/12/2023", today)).to.deep.equal({ kind: 'away', until: '2023-12-04' });
    expect(parseChat('back', today)).to.deep.equal({ kind: 'back' });
    expect(parseChat('delegate 1.1.3 to Jo Bloggs', today)).to.deep.equal({ kind: 'delegate', ref: '1.1.3', to: 'Jo Bloggs' });
    expect(parseChat('delegate 1.1.3 to me', today)).to.deep.equal({ kind: 'delegate', ref: '1.1.3', to: undefined });
    expect(parseChat('help', today)).to.deep.equal({ kind: 'help' });
  });

  it('reads a command with trailing punctuation or a please', () => {
    expect(parseChat('Update 1.1.3.', today)).to.deep.equal({ kind: 'update', ref: '1.1.3' });
    expect(parseChat('update 1.1.3 please!', today)).to.deep.equal({ kind: 'update', ref: '1.1.3' });
    expect(parseChat('my actions please', today)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('Please show me my actions?', today)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('Could you show my actions, thanks.', today)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('<at>PlanPulse</at> my actions, please', today)).to.deep.equal({ kind: 'myActions' });
    expect(parseChat('away until 2 Jan.', today)).to.deep.equal({ kind: 'away', until: '2024-01-02' });
    expect(parseChat("I'm away until 2 Jan!", today)).to.deep.equal({ kind: 'away', until: '2024-01-02' });
    expect(parseChat('1.1.3 no change.', today)).to.deep.equal({ kind: 'noChange', ref: '1.1.3' });
    expect(parseChat('Back!', today)).to.deep.equal({ kind: 'back' });
    expect(parseChat('delegate 1.1.3 to Jo Bloggs, thanks.', today)).to.deep.equal({ kind: 'delegate', ref: '1.1.3', to: 'Jo Bloggs' });
    expect(parseChat('Help?', today)).to.deep.equal({ kind: 'help' });
    expect(parseChat('?', today)).to.deep.equal({ kind: 'help' });
    expect(parseChat('please', today)).to.deep.equal({ kind: 'help' });
  });

  it('refuses an absence over a year, and quotes only a little of what it could not read', () => {
    expect(parseChat('away until 1/1/99', today)).to.deep.equal({
      kind: 'unclear',
      problem:
        '1 Jan 2099 is more than a year away. For an absence that long, hand your actions on ("delegate 1.1.3 to Jo Bloggs") or ask the secretariat.',
    });
    expect(parseChat('away until 19 Nov 2024', today)).to.deep.equal({ kind: 'away', until: '2024-11-19' });
    const noise = parseChat(`away until ${'<b>x</b>'.repeat(5000)}`, today);
    expect(noise.kind).to.equal('unclear');
    expect((noise as { problem: string }).problem.length).to.be.below(120);
  });

  it('anything it does not know is unclear, which the bot answers with the help card', () => {
    expect(parseChat('update everything please.', today)).to.deep.equal({
      kind: 'unclear',
      problem: 'Sorry, I did not understand "update everything".',
    });
    expect(parseChat('what is the weather?', today)).to.deep.include({ kind: 'unclear' });
  });

  it('explains what it could not read', () => {
    expect(parseChat('away until someday', today)).to.deep.include({ kind: 'unclear' });
    expect(parseChat('away until 1/1/2020', today)).to.deep.equal({ kind: 'unclear', problem: 'That date has passed. Try a date from today on.' });
    expect(parseChat('make it green', today)).to.deep.equal({ kind: 'unclear', problem: 'Sorry, I did not understand "make it green".' });
  });
});
