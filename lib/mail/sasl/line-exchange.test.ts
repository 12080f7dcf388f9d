import { describe, expect, it } from "vitest";
import { type SaslStep, saslLineExchange } from "./line-exchange.ts";
import { loginMechanism, plainMechanism, type SaslMechanism } from "./mechanisms.ts";

/** A scripted server: answers each read() in turn, records what was sent and shown. */
function server(steps: SaslStep[]) {
  const sent: string[] = [];
  const shown: string[] = [];
  let destroyed = false;
  return {
    sent,
    shown,
    destroyed: () => destroyed,
    io: {
      send: async (line: string, transcriptAs: string) => {
        sent.push(line);
        shown.push(transcriptAs);
      },
      read: async () => steps.shift() ?? { kind: "failed" as const, error: new Error("no more") },
      destroy: () => {
        destroyed = true;
      },
    },
  };
}

const limits = { maxCommandLength: 512, maxRounds: 8 };
const b64 = (s: string) => Buffer.from(s).toString("base64");

describe("saslLineExchange (SMTP AUTH, POP3 AUTH)", () => {
  it("puts the initial response on the AUTH line and keeps it out of the transcript", async () => {
    const s = server([{ kind: "done" }]);
    await saslLineExchange(s.io, plainMechanism("u", "p"), limits);
    expect(s.sent).toEqual([`AUTH PLAIN ${b64("\0u\0p")}`]);
    expect(s.shown).toEqual(["AUTH PLAIN [redacted]"]);
  });

  it("sends a too-long initial response after the server's empty challenge", async () => {
    const s = server([{ kind: "challenge", text: "" }, { kind: "done" }]);
    await saslLineExchange(s.io, plainMechanism("u", "p".repeat(600)), limits);
    expect(s.sent[0]).toBe("AUTH PLAIN");
    expect(s.sent[1]).toBe(b64(`\0u\0${"p".repeat(600)}`));
    expect(s.shown).toEqual(["AUTH PLAIN", "[redacted]"]);
  });

  it("answers challenges in turn (LOGIN) and throws the protocol's error on refusal", async () => {
    const refused = new Error("535 no");
    const s = server([
      { kind: "challenge", text: b64("Username:") },
      { kind: "challenge", text: b64("Password:") },
      { kind: "failed", error: refused },
    ]);
    await expect(saslLineExchange(s.io, loginMechanism("u", "pw"), limits)).rejects.toBe(refused);
    expect(s.sent).toEqual(["AUTH LOGIN", b64("u"), b64("pw")]);
    expect(s.shown).toEqual(["AUTH LOGIN", "[redacted]", "[redacted]"]);
  });

  it("cuts off a server that keeps asking", async () => {
    const s = server(Array.from({ length: 20 }, () => ({ kind: "challenge", text: "" }) as const));
    const nosy: SaslMechanism = {
      name: "X",
      initialResponse: () => null,
      respond: () => Buffer.from("again"),
    };
    await expect(saslLineExchange(s.io, nosy, { ...limits, maxRounds: 3 })).rejects.toMatchObject({
      code: "PROTOCOL",
    });
    expect(s.destroyed()).toBe(true);
    expect(s.sent).toHaveLength(4);
  });

  it("cancels with * when the mechanism cannot answer, and reports the mechanism's error", async () => {
    const broken = new Error("cannot answer");
    const s = server([
      { kind: "challenge", text: "" },
      { kind: "failed", error: new Error("501 cancelled") },
    ]);
    const mechanism: SaslMechanism = {
      name: "X",
      initialResponse: () => null,
      respond: () => {
        throw broken;
      },
    };
    await expect(saslLineExchange(s.io, mechanism, limits)).rejects.toBe(broken);
    expect(s.sent).toEqual(["AUTH X", "*"]);
  });
});
