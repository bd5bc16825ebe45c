// Secrets hiding in free text: an error message that quotes a header, a
// token, a signed URL or a setting. One rule for the log (app/log.ts) and for
// the messages PlanPulse makes of other services' failures (Graph, Entra ID),
// which the command line prints as they are.

/** Query parameters whose values are credentials: OAuth's, Azure storage SAS signatures, SharePoint's tempauth. */
const SECRET_PARAMS = 'client_secret|client_assertion|password|secret|access_token|refresh_token|id_token|sig|signature|tempauth';

/** Bearer values, anything shaped like a JWT and credential query parameters, blanked out. */
export function scrub(text: string): string {
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]')
    .replace(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g, '[redacted token]')
    .replace(new RegExp(`(\\b(?:${SECRET_PARAMS})=)[^&\\s"']+`, 'gi'), '$1[redacted]')
    .replace(/(\bhttps?:\/\/)[^/\s:@]+:[^/\s@]+@/gi, '$1[redacted]@');
}

/** `scrub`, and each of `secrets` (a configured client secret) wherever it appears word for word. */
export function scrubKnown(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  // A secret of a few characters would blank ordinary words; Entra's are 40.
  for (const s of secrets) if (s && s.length >= 8) out = out.split(s).join('[redacted]');
  return scrub(out);
}
