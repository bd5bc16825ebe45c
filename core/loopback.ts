// One answer to "is this this machine?", for every place unauthenticated or
// local-only behaviour depends on it: the settings check at start, the bot's
// Host and serviceUrl checks, and the tab's local sign-in. Two predicates that
// disagreed on an edge case (a bracketed address, "::ffff:127.0.0.2", an octet
// over 255) would leave one door open while the other was shut.

const octet = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const LOOPBACK_V4 = new RegExp(`^127\\.${octet}\\.${octet}\\.${octet}$`);

/**
 * Loopback: "localhost", 127.0.0.0/8, ::1 (also written out in full) and
 * IPv4-mapped 127.0.0.0/8 ("::ffff:127.0.0.1", as Node reports a socket's
 * address on a dual-stack listener, or "::ffff:7f00:1", as a URL writes it). Brackets around an IPv6 address are
 * allowed; anything else, including a name that merely starts with
 * "127.", is not loopback.
 */
export function isLoopbackHost(host: string | undefined): boolean {
  if (typeof host !== 'string') return false;
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (h.startsWith('::ffff:')) h = h.slice('::ffff:'.length);
  // The same IPv4-mapped address as a URL writes it: new URL('http://[::ffff:127.0.0.1]/').hostname is "[::ffff:7f00:1]".
  if (/^7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(h)) return true;
  return LOOPBACK_V4.test(h);
}

/** An http(s) URL whose host is loopback. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname);
  } catch {
    return false;
  }
}

/**
 * The hostname in a Host header (or an Origin's host part): without its port,
 * and without the brackets of an IPv6 address. A bracket that never closes
 * gives what follows it, which no loopback check accepts.
 */
export function hostnameOf(hostHeader: string): string {
  const v = hostHeader.trim().toLowerCase();
  if (v.startsWith('[')) {
    const close = v.indexOf(']');
    return close === -1 ? v : v.slice(1, close);
  }
  return v.replace(/:\d*$/, '');
}
