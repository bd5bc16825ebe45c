// Loads the adaptivecards library for checking cards in Node. Its main entry
// (lib/) is ESM with extension-less imports and fails to load; the UMD bundle
// loads without a DOM. Loaded on first use so the bot pays for it only if a
// check actually runs.
import type * as AdaptiveCards from 'adaptivecards';

let loaded: typeof AdaptiveCards | undefined;

export function adaptiveCards(): typeof AdaptiveCards {
  loaded ??= require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;
  return loaded;
}
