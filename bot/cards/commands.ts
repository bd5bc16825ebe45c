// The chat commands as the welcome and help cards describe them. One list, so
// the two cards can never disagree about what a lead may type.
import type { CardElement } from './card-json';
import { facts } from './elements';

export const COMMANDS: ReadonlyArray<{ command: string; meaning: string }> = [
  { command: 'my actions', meaning: 'Show the actions you lead, with an Update button on each.' },
  { command: 'update 1.1.3', meaning: 'Open the update form for one action.' },
  { command: 'away until 2 Jan', meaning: 'Pause the weekly prompt while you are away.' },
  { command: 'delegate 1.1.3 to Name', meaning: 'Let a colleague update an action for you.' },
  { command: 'help', meaning: 'Show this list.' },
];

export function commandFacts(): CardElement {
  return facts(COMMANDS.map(({ command, meaning }) => [command, meaning]));
}
