/** Every size limit of "Show original", each with its reason. */

/**
 * One page of the source view. 256 KiB of text is a few thousand lines, which a browser lays
 * out in well under a second; the source route serves at most 1 MiB per request.
 */
export const SOURCE_PAGE_BYTES = 256 * 1024;

/**
 * The displayed HTML part is fetched (at most this much, as the reader does) only to list its
 * cid: references; a longer part is checked on its beginning, with a warning.
 */
export const MAX_HTML_CHECK_BYTES = 4 * 1024 * 1024;

/**
 * Hops the route timeline draws. Real routes have under 20; the parser allows 1,000 header
 * fields, all of which could be Received. Past this, the first and last halves are drawn (the
 * origin and the delivery, where forgery and delay are read) and the slowest hop wherever it is.
 */
export const MAX_TIMELINE_HOPS = 60;
