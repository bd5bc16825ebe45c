// Bearer-token check. The fake cannot validate a real token, so it checks only
// that one is present and, if the test asked, that it is the expected string.

import { GraphError } from './errors';

export function checkAuthorization(header: string | undefined, requiredToken: string | undefined): GraphError | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match || match[1] === undefined) {
    return new GraphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  if (requiredToken !== undefined && match[1] !== requiredToken) {
    return new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.', undefined, { 'WWW-Authenticate': 'Bearer' });
  }
  return undefined;
}
