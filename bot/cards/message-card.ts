// A plain card for short answers ("You're away until 2 Jan 2024"), so replies
// look like the rest of PlanPulse without each one needing its own template.
import { adaptiveCard, asSentences, type AdaptiveCardJson } from './card-json';
import { heading, plain } from './elements';

export interface MessageCardInput {
  title: string;
  lines: string[];
  /** Colours the title; the title's words must carry the meaning on their own. */
  style?: 'good' | 'attention' | 'default';
}

/** Lines are plain runs: they may quote what someone typed, which Teams must not read as Markdown. */
export function messageCard({ title, lines, style = 'default' }: MessageCardInput): AdaptiveCardJson {
  return adaptiveCard({
    summary: asSentences([title, ...lines]),
    body: [heading(title, { color: style, size: 'medium' }), ...lines.map((line) => plain(line))],
  });
}
