import { describe, expect, it } from "vitest";
import { parseMessage } from "../../../mail/mime/index.ts";
import { authenticationView } from "./authentication-view.ts";

const fields = (lines: string[]) =>
  parseMessage(Buffer.from(`${lines.join("\r\n")}\r\n\r\n`)).headers.fields;

// The receiving side (mx.b.example) added the top result; the sender wrote the ones below its
// own relay's Received, the pass for mx.b.example included.
const header = fields([
  "Authentication-Results: mx.b.example; spf=fail smtp.mailfrom=a@evil.example; dkim=none; dmarc=fail header.from=bank.example",
  "Received: from evil.example (evil.example [203.0.113.5]) by mx.b.example with ESMTP; Mon, 3 Feb 2025 10:00:02 +0000",
  "Received: from pc (pc [10.0.0.1]) by evil.example with ESMTP; Mon, 3 Feb 2025 10:00:01 +0000",
  "Authentication-Results: mx.b.example; spf=pass smtp.mailfrom=a@bank.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example",
  "Authentication-Results: fake.example; arc=pass",
  "From: <ceo@bank.example>",
]);

describe("authenticationView", () => {
  it("trusts the topmost authserv-id only above where the message came in", () => {
    const view = authenticationView(header);
    expect(view).toMatchObject({
      mode: "topmost",
      authservIds: ["mx.b.example"],
      fieldCount: 3,
      trustedCount: 1,
      ignoredIds: ["mx.b.example", "fake.example"],
    });
    expect(view.badges.map((b) => [b.method, b.result])).toEqual([
      ["spf", "fail"],
      ["dkim", "none"],
      ["dmarc", "fail"],
    ]);
    expect(view.badges[0]!.detail).toBe("smtp.mailfrom=a@evil.example");
  });

  it("uses configured authserv-ids instead of the topmost when given", () => {
    const view = authenticationView(header, ["fake.example"]);
    expect(view.mode).toBe("configured");
    expect(view.authservIds).toEqual(["fake.example"]);
    expect(view.badges.map((b) => `${b.method}=${b.result}`)).toEqual(["arc=pass"]);
  });

  it("has no badges and no id without Authentication-Results", () => {
    const view = authenticationView(fields(["From: a@b.example"]));
    expect(view).toEqual({
      mode: "topmost",
      authservIds: [],
      badges: [],
      fieldCount: 0,
      trustedCount: 0,
      ignoredIds: [],
    });
  });
});
