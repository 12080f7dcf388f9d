/** Types of the generated scripts/demo/charset-samples.mjs. */
export interface CharsetSample {
  charset: string;
  headerEncoding: "B" | "Q";
  bodyEncoding: "7bit" | "8bit" | "quoted-printable" | "base64";
  name: string;
  namePieces: string[];
  subject: string;
  subjectPieces: string[];
  /** The body as written ("\n" line ends). */
  body: string;
  /** The body in `charset`, CRLF line ends, base64. */
  bodyBytes: string;
}

export const CHARSET_SAMPLES: Record<
  | "latin1"
  | "cp1252"
  | "koi8r"
  | "iso2022jp"
  | "gb2312"
  | "gbk"
  | "shiftjis"
  | "greek"
  | "latin2"
  | "cp1252html",
  CharsetSample
>;
