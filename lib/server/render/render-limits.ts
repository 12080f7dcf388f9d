// Every size and depth limit of the message renderer, each with its reason. Inputs past a limit are
// cut or dropped, never rejected: the reader must always show something (manifest p11–p13 are DoS
// messages; the renderer sees their HTML and text bodies after the MIME parser's own caps).

/**
 * HTML longer than this is cut before parsing. jsdom builds a full DOM (≈1 KB of heap per element),
 * so a 50 MB body would cost the server seconds and gigabytes; 4 M characters is ~20× the largest
 * real newsletter we have seen and still sanitizes in about a second.
 */
export const MAX_HTML_CHARS = 4_000_000;

/**
 * Elements (start tags, plus those the parser re-creates: html-shape-guard.ts) after this many are
 * cut off before parsing. jsdom costs ~15 µs and ~1 KB per element (0.5 s and ~40 MB here); the
 * largest real message in the corpus has 4,600 elements and a big newsletter ~5,000, so this
 * leaves a wide margin while a 4 MB body of `<b>` (1.3 M elements, over 20 s) is refused.
 */
export const MAX_HTML_ELEMENTS = 30_000;

/**
 * Start tags that would nest deeper than this (by the pre-parse scanner's estimate) are dropped,
 * their content kept. Each jsdom insertion walks its ancestors, so depth multiplies the parse
 * cost; real layouts nest tables ~10 deep (≈ 40 elements). Chromium flattens at 512.
 */
export const MAX_PARSE_DEPTH = 128;

/**
 * Formatting elements (<b>, <font>, <a>…) left open at once, beyond which further ones are
 * dropped. The parser re-creates every open one inside each new block (§13.2.4.3), so this bounds
 * the work per block; real mail leaves a handful open (Noah's Ark already folds identical ones).
 */
export const MAX_ACTIVE_FORMATTING = 32;

/**
 * Attributes kept per tag. parse5 checks each new attribute against the previous ones (quadratic:
 * 8,000 attributes cost 0.2 s); real mail has at most a few dozen.
 */
export const MAX_ATTRIBUTES = 128;

/**
 * After parsing, elements nested deeper than this are replaced by their text: the second guard
 * behind MAX_PARSE_DEPTH (the scanner does not count implied nesting such as <td> in <td>), since
 * jsdom's serializer recurses and a deep enough tree would overflow the stack.
 */
export const MAX_DOM_DEPTH = 256;

/**
 * Sanitizing passes over misnested markup until the output re-parses to itself (see
 * sanitize-mail-html.ts). The fuzz test converges in two; a third is margin.
 */
export const MAX_SANITIZE_PASSES = 3;

/** One <style> element or style attribute longer than this is dropped whole (tracking templates
 * repeat 1 MB of CSS; the tokenizer is linear but the output would be useless). */
export const MAX_CSS_CHARS = 512_000;

/** Blocks and functions nested deeper than this make the whole stylesheet or declaration list
 * invalid: `((((…` is never real CSS and the tree walkers recurse. */
export const MAX_CSS_NESTING = 32;

/** At-rules nested deeper than this (`@media{@supports{@media{…}}}`) are dropped. */
export const MAX_AT_RULE_NESTING = 4;

/** Plain text longer than this is cut before rendering (same reasoning as MAX_HTML_CHARS). */
export const MAX_PLAIN_TEXT_CHARS = 2_000_000;

/** Quote depths beyond this are shown at this depth: each level is a nested React element. */
export const MAX_QUOTE_DEPTH = 24;
