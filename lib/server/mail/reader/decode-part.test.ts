import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../mail/mime/parser.ts";
import { decodePartText } from "./decode-part.ts";

/** The raw (still transfer-encoded) body a FETCH BODY[section] would return. */
function fetched(message: ReturnType<typeof parseMessage>, section: string) {
  const part = message.parts().find((p) => p.section === section)!;
  return { part, bytes: message.rawBody(part)! };
}

describe("decodePartText (bytes fetched by section)", () => {
  it("reads a part as the MIME parser does: transfer encoding, then charset", () => {
    const message = parseMessage(
      [
        "Content-Type: text/plain; charset=iso-8859-1",
        "Content-Transfer-Encoding: quoted-printable",
        "",
        "caf=E9",
      ].join("\r\n"),
    );
    const { part, bytes } = fetched(message, "1");
    expect(decodePartText(part, bytes)).toBe("café");
    expect(decodePartText(part, bytes)).toBe(message.text(part));
  });

  it("reads HTML without a charset parameter in its <meta> charset", () => {
    const head = new TextEncoder().encode(
      'Content-Type: text/html\r\n\r\n<meta charset="windows-1251"><p>',
    );
    const message = parseMessage(new Uint8Array([...head, 0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]));
    const { part, bytes } = fetched(message, "1");
    expect(decodePartText(part, bytes)).toBe('<meta charset="windows-1251"><p>Привет');
  });
});
