/**
 * Which parts the reader shows through a cid: reference of the HTML body: raster images only,
 * served as images. A cid: pointing at an HTML or SVG part (hostile p08; SVG can carry script,
 * Roundcube CVE-2020-13965) is never loaded as a document. render-body.ts applies it, the
 * "Show original" cid: report explains it.
 */
const INLINE_IMAGE = /^image\/(png|jpeg|gif|webp|bmp)$/;

export function isInlineImage(contentType: string): boolean {
  return INLINE_IMAGE.test(contentType);
}
