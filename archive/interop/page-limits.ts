// How large a web page Dossier imports. One constant, read by the fetcher (which stops
// reading past it) and by the parser (which refuses a larger file before decoding it).

/** Real articles are well under a megabyte, and Readability's time grows faster than the page. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
