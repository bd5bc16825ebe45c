// Whether the bot's port is free, asked before anything is loaded, so a second
// `npm start` says so in one line instead of crashing after seeding the store.
import net from 'node:net';

/** The one-line reason a port cannot be listened on, or undefined when it is free (port 0 always is). */
export async function portProblem(port: number, host: string): Promise<string | undefined> {
  if (port === 0) return undefined;
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (e: NodeJS.ErrnoException) => resolve(listenProblem(e, port, host)));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

/** Words for a failed listen: the port taken, or not ours to take. */
export function listenProblem(e: NodeJS.ErrnoException, port: number, host: string): string {
  if (e.code === 'EADDRINUSE') return `port ${port} on ${host} is in use: stop the other PlanPulse or set PORT`;
  if (e.code === 'EACCES') return `port ${port} on ${host} needs more privileges than PlanPulse has: set PORT to 1024 or above`;
  if (e.code === 'EADDRNOTAVAIL') return `${host} is not an address of this machine: set HOST (e.g. 127.0.0.1)`;
  return `cannot listen on ${host}:${port}: ${e.message}`;
}
