// restify, loaded without its noise: on load it reaches (through spdy's
// http-deceiver) for process.binding('http_parser'), which Node answers with
// two DEP0111 deprecation warnings on every command, even a dry run. That use
// is restify's, not ours, and nothing we do reaches it; the warning is
// silenced for the moment of loading only, so any other deprecation still shows.
import type Restify from 'restify';

function loadQuietly(): typeof Restify {
  // Started with --no-deprecation, Node makes the flag read-only: it is already quiet then.
  const writable = Object.getOwnPropertyDescriptor(process, 'noDeprecation')?.writable ?? true;
  if (!writable) return require('restify') as typeof Restify;
  const before = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return require('restify') as typeof Restify;
  } finally {
    process.noDeprecation = before;
  }
}

const restify = loadQuietly();
export default restify;
