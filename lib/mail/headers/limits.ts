/**
 * Every size limit of the header analysers, each with its reason. Header values are hostile
 * input: the analysers are linear in their input, but they can be fed by callers that did not go
 * through the MIME parser's own caps (an IMAP `BODY[HEADER]` split, a raw source view), so they
 * bound their own work. Hitting a limit never throws: the analyser reads what fits.
 */
export const HEADER_ANALYSIS_LIMITS = Object.freeze({
  /**
   * Characters of one field value that are analysed. The MIME parser keeps 64 KiB of a field
   * (`maxHeaderLineBytes`); real Received and Authentication-Results fields stay under 4 KiB, so
   * anything past this is padding meant to make per-field work expensive.
   */
  maxValueChars: 64 * 1024,
});

/** The value cut to `maxValueChars`. */
export function boundedValue(value: string): string {
  const max = HEADER_ANALYSIS_LIMITS.maxValueChars;
  return value.length > max ? value.slice(0, max) : value;
}
