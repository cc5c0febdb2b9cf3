// How large a web page Dossier imports, and how a larger one is refused. One constant and one
// sentence, shared by the fetcher (which stops reading past the limit) and the parser (which
// refuses a larger file before decoding it).

/** Real articles are well under a megabyte, and Readability's time grows faster than the page. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;

const megabytes = (n: number): string => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/** "x is too large to import (10.0 MB; pages up to 5.0 MB are imported)"; size null when only known to be over the limit. */
export function pageTooLarge(name: string, size: number | null, limit = MAX_PAGE_BYTES): string {
  return `${name} is too large to import (${size === null ? '' : `${megabytes(size)}; `}pages up to ${megabytes(limit)} are imported)`;
}
