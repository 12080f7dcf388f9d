/**
 * RFC 5322 section 3.2.2 comments removed from a structured header value: `(...)` nests and
 * takes quoted-pairs, so "(a (b) c)" is one comment, not "(b)" inside stray text. One pass, no
 * backtracking: a hostile value costs linear time. An unclosed comment runs to the end of the
 * value (a reader of the raw text would read it so). Quoted strings are not looked at: the
 * values this serves (dates, message ids: RFC 5322 3.3 and 3.6.4) have none, and one stray
 * quote would otherwise hide every comment after it.
 */
export function withoutComments(value: string): string {
  if (!value.includes("(")) return value;
  let out = "";
  let depth = 0;
  let kept = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (depth > 0 && c === "\\") {
      i++;
    } else if (c === "(") {
      if (depth++ === 0) out += value.slice(kept, i);
    } else if (c === ")" && depth > 0 && --depth === 0) {
      // A comment separates what stands around it, as white space does.
      out += " ";
      kept = i + 1;
    }
  }
  return depth > 0 ? `${out} ` : out + value.slice(kept);
}
