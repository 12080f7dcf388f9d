import { describe, expect, it } from "vitest";
import { hostileInputs } from "../../dev/shared-data.ts";
import {
  type CommandArg,
  flagArg,
  literal,
  mailboxArg,
  raw,
  serializeCommand,
  str,
} from "./command-builder.ts";

const hostile = hostileInputs();
const input = (id: string) =>
  [...hostile.imap_folder_names, ...hostile.imap_search_terms].find((i) => i.id === id)!.value;

const PLAIN = { literalPlus: false, literalMinus: false };

function wire(args: CommandArg[], options = PLAIN): string {
  return serializeCommand("A1", args, options)
    .flatMap((chunk) =>
      chunk.pieces.map((p) => (typeof p.data === "string" ? p.data : p.data.toString("latin1"))),
    )
    .join("");
}

describe("strings on the wire", () => {
  it('quotes plain text and escapes " and \\', () => {
    expect(wire([raw("LOGIN"), str("alice"), str('p"w\\{2}')])).toBe(
      'A1 LOGIN "alice" "p\\"w\\\\{2}"\r\n',
    );
  });

  it("sends CR, LF, other controls and 8-bit text as a literal counted in bytes", () => {
    expect(wire([raw("X"), str("a\r\nb")])).toBe("A1 X {4}\r\na\r\nb\r\n");
    expect(wire([raw("X"), str("tab\there")])).toBe("A1 X {8}\r\ntab\there\r\n");
    expect(wire([raw("X"), str("été")])).toBe(
      `A1 X {5}\r\n${Buffer.from("été").toString("latin1")}\r\n`,
    );
  });

  it("PS2: a UTF-8 search term with CR LF is one literal whose size counts bytes", () => {
    const term = input("PS2");
    const chunks = serializeCommand("A1", [raw("SEARCH"), raw("TEXT"), str(term)], PLAIN);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]!.pieces[0]!.data).toBe("A1 SEARCH TEXT {19}\r\n");
    expect(chunks[0]!.waitForContinuation).toBe(true);
    expect(chunks[1]!.pieces[0]!.data).toEqual(Buffer.from(term, "utf8"));
    expect(chunks[1]!.pieces[1]!.data).toBe("\r\n");
  });

  it("PS1: a quote breakout stays inside one quoted string", () => {
    expect(wire([raw("SEARCH"), raw("TEXT"), str(input("PS1"))])).toBe(
      'A1 SEARCH TEXT "foo\\") OR (ALL"\r\n',
    );
  });

  it("{5} and ) in a value are only characters", () => {
    expect(wire([raw("X"), str("x {5}"), str(")")])).toBe('A1 X "x {5}" ")"\r\n');
  });

  it("refuses NUL in a string: IMAP4rev1 strings cannot carry it", () => {
    expect(() => str("a\0b")).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
  });

  it("uses {n+} under LITERAL+, and under LITERAL- only up to 4096 bytes", () => {
    expect(wire([raw("X"), str("a\nb")], { literalPlus: true, literalMinus: false })).toBe(
      "A1 X {3+}\r\na\nb\r\n",
    );
    const big = "é".repeat(3000);
    const minus = serializeCommand("A1", [raw("X"), str("a\nb"), str(big)], {
      literalPlus: false,
      literalMinus: true,
    });
    expect(minus[0]!.pieces[0]!.data).toBe("A1 X {3+}\r\n");
    expect(minus[0]!.waitForContinuation).toBe(true);
    expect(minus[0]!.pieces.map((p) => String(p.data)).join("")).toContain(" {6000}\r\n");
  });

  it("sends literal8 for binary content", () => {
    expect(
      wire([raw("APPEND"), str("INBOX"), literal(Buffer.from([0x61, 0, 0x62]), { binary: true })], {
        literalPlus: true,
        literalMinus: false,
      }),
    ).toBe('A1 APPEND "INBOX" ~{3+}\r\na\0b\r\n');
  });

  it("keeps secrets out of the transcript, quoted or literal", () => {
    const chunks = serializeCommand(
      "A1",
      [raw("LOGIN"), str("bob"), str("hunter2", { secret: true })],
      PLAIN,
    );
    expect(chunks[0]!.pieces[0]!.transcript).toBe('A1 LOGIN "bob" ***\r\n');
    const lit = serializeCommand(
      "A2",
      [raw("LOGIN"), str("bob"), str("pässwörd", { secret: true })],
      PLAIN,
    );
    const shown = lit.flatMap((c) => c.pieces.map((p) => p.transcript)).join("");
    expect(shown).not.toContain("pässwörd");
    expect(shown).toContain("***");
  });

  it("refuses CR or LF in protocol syntax", () => {
    expect(() => raw("FETCH\r\nA2 LOGOUT")).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });
});

describe("mailbox names", () => {
  it("PF1: a name with CR LF is refused before anything is sent", () => {
    expect(() => mailboxArg(input("PF1"), false)).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(() => mailboxArg("a\0b", false)).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
    expect(() => mailboxArg("", false)).toThrowError(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });

  it("PF2: quotes, & and accents go modified UTF-7 and quoted", () => {
    expect(wire([raw("CREATE"), mailboxArg(input("PF2"), false)])).toBe(
      'A1 CREATE "Projects/2026 \\"Q1\\" &- &AOk-t&AOk-"\r\n',
    );
  });

  it("under UTF8=ACCEPT names go as UTF-8 (a literal when 8-bit)", () => {
    expect(wire([raw("CREATE"), mailboxArg("été", true)])).toBe(
      `A1 CREATE {5}\r\n${Buffer.from("été").toString("latin1")}\r\n`,
    );
  });

  it("INBOX is case-insensitive and always sent as INBOX", () => {
    expect(wire([raw("SELECT"), mailboxArg("inbox", false)])).toBe('A1 SELECT "INBOX"\r\n');
  });
});

describe("flags", () => {
  it("accepts system flags (normalised) and atom keywords", () => {
    expect(flagArg("\\seen").text).toBe("\\Seen");
    expect(flagArg("$Forwarded").text).toBe("$Forwarded");
    expect(flagArg("\\XCustom").text).toBe("\\XCustom");
  });

  it("refuses keywords that are not atoms (they cannot be quoted)", () => {
    for (const bad of [
      "a b",
      "x)",
      "(y",
      'q"',
      "with\r\nA2 LOGOUT",
      "ünï",
      "%",
      "*",
      "a]",
      "{5}",
      "",
    ]) {
      expect(() => flagArg(bad)).toThrowError(expect.objectContaining({ code: "INVALID_INPUT" }));
    }
  });
});
