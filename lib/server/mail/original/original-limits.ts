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
