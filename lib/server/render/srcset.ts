// srcset parsing, after the HTML Standard's "parse a srcset attribute" (§4.8.4.3.10): candidates
// are separated by commas, a URL is a run of non-whitespace (so data: URLs keep their commas), and
// descriptors end at a comma outside parentheses. Every candidate URL is a load: one remote
// candidate is enough for a tracking beacon (manifest p05, `srcset="http://p05-2… 2x"`).

export interface SrcsetCandidate {
  url: string;
  descriptor: string;
}

const WS = /[\t\n\f\r ]/;

export function parseSrcset(value: string): SrcsetCandidate[] {
  const out: SrcsetCandidate[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (WS.test(value[i]!) || value[i] === ",")) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !WS.test(value[i]!)) i++;
    let url = value.slice(start, i);
    let descriptor = "";
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      let depth = 0;
      const from = i;
      while (i < n && !(value[i] === "," && depth === 0)) {
        if (value[i] === "(") depth++;
        else if (value[i] === ")" && depth > 0) depth--;
        i++;
      }
      descriptor = value.slice(from, i).trim().replace(/\s+/g, " ");
    }
    if (url) out.push({ url, descriptor });
  }
  return out;
}

export function serializeSrcset(candidates: readonly SrcsetCandidate[]): string {
  return candidates.map((c) => (c.descriptor ? `${c.url} ${c.descriptor}` : c.url)).join(", ");
}
