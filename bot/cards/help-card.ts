// The answer to "help": the commands, and a reminder that the weekly card's
// buttons do the common things without typing.
import { adaptiveCard, asSentences, type AdaptiveCardJson } from './card-json';
import { COMMANDS, commandFacts } from './commands';
import { heading, text } from './elements';

export function helpCard(): AdaptiveCardJson {
  return adaptiveCard({
    summary: asSentences(['What you can type:', ...COMMANDS.map(({ command, meaning }) => `${command} – ${meaning}`)]),
    body: [
      heading('What you can type'),
      commandFacts(),
      text('The buttons on your weekly card (No change, Update) do the same without typing.', { isSubtle: true }),
    ],
  });
}
