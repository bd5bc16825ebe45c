// The card templates: pure functions from plan data to Adaptive Card JSON.
export { VERBS, INPUT_IDS, type Verb, type CardActionData, type InputId, type FormValues } from './verbs';
export type { AdaptiveCardJson, CardElement, ExecuteAction, CardRefresh } from './card-json';
export { nudgeCard, type NudgeCardInput, type NudgeItem } from './nudge-card';
export { updateFormCard, RAG_CHOICE_TITLES, type UpdateFormInput } from './update-form-card';
export { savedCard, type SavedCardInput } from './saved-card';
export { conflictCard, type ConflictCardInput } from './conflict-card';
export { welcomeCard, type WelcomeCardInput } from './welcome-card';
export { helpCard } from './help-card';
export { messageCard, type MessageCardInput } from './message-card';
export { digestCard, type DigestCardInput } from './digest-card';
export { RAG_STYLE, ragBlock, ragLine } from './rag-style';
export { COMMANDS } from './commands';
export { cardProblems } from './check';
export { cardBytes, TEAMS_CARD_LIMIT_BYTES, CARD_BUDGET_BYTES } from './size';
export { DEFAULT_PAGE_SIZE, pageCount } from './paging';
export { signOffCard, type SignOffCardInput } from './sign-off-card';
