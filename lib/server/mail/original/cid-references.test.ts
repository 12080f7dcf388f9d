import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../mail/mime/index.ts";
import { chooseBody } from "../reader/body-choice.ts";
import { cidReport } from "./cid-references.ts";

function report(lines: string[], referenced: string[]) {
  const root = parseMessage(Buffer.from(`${lines.join("\r\n")}\r\n`)).root;
  const choice = chooseBody(root)!;
  return cidReport(root, choice, referenced).references.map((r) => [r.cid, r.status, r.target]);
}

describe("cid: references, resolved as the reader resolves them", () => {
  it("finds a resource in a multipart inside the related, and the related one of two alike", () => {
    const lines = [
      'Content-Type: multipart/mixed; boundary="m"',
      "",
      "--m",
      "Content-Type: image/png",
      "Content-ID: <dup@x>",
      "Content-Disposition: attachment",
      "",
      "outside",
      "--m",
      'Content-Type: multipart/related; boundary="r"',
      "",
      "--r",
      "Content-Type: text/html",
      "Content-ID: <root@x>",
      "",
      '<img src="cid:dup@x"><img src="cid:deep@x"><img src="cid:root@x">',
      "--r",
      "Content-Type: image/png",
      "Content-ID: <dup@x>",
      "",
      "inside",
      "--r",
      'Content-Type: multipart/mixed; boundary="n"',
      "",
      "--n",
      "Content-Type: image/gif",
      "Content-ID: <deep@x>",
      "",
      "GIF",
      "--n--",
      "--r--",
      "--m--",
    ];
    expect(report(lines, ["dup@x", "deep@x", "root@x"])).toEqual([
      ["dup@x", "shown", "2.2"],
      ["deep@x", "shown", "2.3.1"],
      // The HTML pointing at itself: in the related, but never loaded as an image.
      ["root@x", "not-image", "2.1"],
    ]);
  });
});
