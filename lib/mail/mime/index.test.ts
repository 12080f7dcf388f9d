import { describe, expect, it } from "vitest";
import * as mime from "./index.ts";

describe("public API", () => {
  it("parses and views a message through the index alone", () => {
    const msg = mime.parseMessage(
      'From: "Ann" <ann@example.test>\r\nSubject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhello\r\n--b\r\nContent-Type: application/pdf; name=a.pdf\r\n\r\n%PDF-1.4\r\n--b--\r\n',
    );
    expect(mime.envelopeOf(msg.headers)).toMatchObject({
      subject: "Grüße",
      from: [{ name: "Ann", address: "ann@example.test" }],
    });
    expect(mime.displayBody(msg)?.text).toBe("hello");
    expect(mime.attachments(msg).map((a) => [a.section, a.filename, a.sniffedType])).toEqual([
      ["2", "a.pdf", "application/pdf"],
    ]);
    expect(mime.findBySection(msg.root, "2")?.contentType).toBe("application/pdf");
    expect(mime.safeFilename("../a.pdf")).toBe("a.pdf");
  });

  it("exposes the builder next to the parser", () => {
    expect(typeof mime.buildMessage).toBe("function");
  });
});
