// Sent once, when PlanPulse is installed for a lead: what it will ask of them,
// what the chair will see, and what they can type. No buttons: nothing to do yet.
import { adaptiveCard, asSentences, type AdaptiveCardJson } from './card-json';
import { commandFacts } from './commands';
import { heading, subheading, text } from './elements';

export interface WelcomeCardInput {
  name: string;
  /** When the weekly prompt goes out, in words; the schedule is a setting. */
  schedule?: string;
}

const whatHappens = (schedule: string) => [
  `${schedule} I will send you the plan actions you lead that need a word from you.`,
  'If nothing has changed, press No change: one tap and you are done for the week.',
  'To change something, press Update, choose a RAG status and say what has happened. Red needs a new completion date; reporting completion needs evidence, and the chair signs it off.',
  "Your delivery group's chair sees who has not replied, and every Red or Amber action, before the group meets.",
];

export function welcomeCard({ name, schedule = 'Every Monday at 09:00' }: WelcomeCardInput): AdaptiveCardJson {
  const greeting = `Welcome to PlanPulse, ${name}`;
  const lines = whatHappens(schedule);
  return adaptiveCard({
    summary: asSentences([greeting, ...lines, 'Type help to see what you can ask']),
    body: [
      heading(greeting),
      text('I help you keep your actions in the SEND Continuous Improvement Plan up to date.'),
      ...lines.map((line) => text(line)),
      subheading('What you can type'),
      commandFacts(),
    ],
  });
}
