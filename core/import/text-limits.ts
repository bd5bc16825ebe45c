// Titles, names, keys and refs are kept where a store allows one line of at
// most 255 characters (SharePoint's single-line text). The import checks them
// here, in the domain, so both stores accept exactly the same files and a file
// that would not fit is refused whole, with its row number, before any write.
export const SINGLE_LINE_MAX = 255;

/** A sentence saying why the value does not fit, or undefined when it does. */
export function overLong(value: string, what: string): string | undefined {
  if (value.length <= SINGLE_LINE_MAX) return undefined;
  return `${what} is ${value.length} characters long; at most ${SINGLE_LINE_MAX} fit (shorten it)`;
}
