// The shape an activity must have before botbuilder is given it: botbuilder
// answers 500 with a stack for one with no conversation, and would send its
// replies to whatever serviceUrl the caller names.
import { isLoopbackUrl } from '../core/loopback';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const shortText = (v: unknown, max: number) => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * What is wrong with a posted activity, in one sentence, or undefined. With
 * `loopbackOnly` (unauthenticated mode) the serviceUrl, where replies go and
 * what is stored for later nudges, must be on this machine.
 */
export function activityProblem(body: unknown, opts: { loopbackOnly: boolean }): string | undefined {
  if (!isObject(body) || !shortText(body.type, 64)) return 'The body must be a Bot Framework activity (JSON with a "type").';
  if (!isObject(body.conversation) || !shortText(body.conversation.id, 1024)) return 'The activity has no conversation id.';
  if (!shortText(body.serviceUrl, 2048)) return 'The activity has no serviceUrl.';
  let url: URL;
  try {
    url = new URL(body.serviceUrl as string);
  } catch {
    return "The activity's serviceUrl is not an address.";
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return "The activity's serviceUrl is not an http(s) address.";
  if (opts.loopbackOnly && !isLoopbackUrl(url.href)) {
    return 'Without Bot Framework credentials PlanPulse answers only service URLs on this machine (loopback).';
  }
  if (body.from !== undefined && (!isObject(body.from) || (body.from.id !== undefined && typeof body.from.id !== 'string')))
    return 'The activity\'s "from" is not a person.';
  if (body.channelId !== undefined && typeof body.channelId !== 'string') return "The activity's channelId is not text.";
  return undefined;
}
