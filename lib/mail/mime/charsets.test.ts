import { describe, expect, it } from "vitest";
import { charsetEncoding, decodeCharset, decodeText, htmlMetaCharset } from "./charsets.ts";
import { decodeUtf7 } from "./utf7.ts";
import { decodeWindows1252 } from "./windows-1252.ts";

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (s: string) => new TextEncoder().encode(s);

describe("windows-1252 (pinned against nodejs/node#60888)", () => {
  // The whole 0x80-0x9F row as WHATWG defines it. Node 20's TextDecoder gives C1 controls here.
  const row = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

  it("maps 0x80-0x9F to the WHATWG characters", () => {
    const input = Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeWindows1252(input)).toBe(row);
  });

  it.each([
    "iso-8859-1",
    "latin1",
    "ascii",
    "us-ascii",
    "windows-1252",
    "cp1252",
    "ISO_8859-1",
    "l1",
  ])("label %s decodes smart quotes and the euro sign", (label) => {
    expect(decodeText(bytes(0x93, 0x48, 0x69, 0x94, 0x20, 0x80, 0x35, 0x85), label)).toBe(
      "“Hi” €5…",
    );
  });

  it("maps 0xA0-0xFF to Latin-1", () => {
    expect(decodeText(bytes(0xe9, 0xfc, 0xff), "iso-8859-1")).toBe("éüÿ");
  });
});

describe("charset labels", () => {
  it.each([
    ["utf8", "utf-8"],
    ["x-sjis", "shift_jis"],
    ["cp932", "shift_jis"],
    ["ks_c_5601-1987", "euc-kr"],
    ["x-gbk", "gbk"],
    ["gb2312", "gbk"],
    ["koi8_r", "koi8-r"],
    ["unicode-1-1-utf-7", "utf-7"],
    ['"ISO-8859-2"', "iso-8859-2"],
    ["windows-874", "windows-874"],
    ["iso8859-15", "iso-8859-15"],
  ])("%s resolves to %s", (label, encoding) => {
    expect(charsetEncoding(label)).toBe(encoding);
  });

  it("decodes legacy CJK charsets the WHATWG way", () => {
    // "日本" in ISO-2022-JP, Shift_JIS and EUC-JP; "中文" in GB2312; "한" in EUC-KR.
    expect(
      decodeText(bytes(0x1b, 0x24, 0x42, 0x46, 0x7c, 0x4b, 0x5c, 0x1b, 0x28, 0x42), "iso-2022-jp"),
    ).toBe("日本");
    expect(decodeText(bytes(0x93, 0xfa, 0x96, 0x7b), "shift_jis")).toBe("日本");
    expect(decodeText(bytes(0xc6, 0xfc, 0xcb, 0xdc), "euc-jp")).toBe("日本");
    expect(decodeText(bytes(0xd6, 0xd0, 0xce, 0xc4), "gb2312")).toBe("中文");
    expect(decodeText(bytes(0xc7, 0xd1), "ks_c_5601-1987")).toBe("한");
  });

  it("honours a big-endian byte order mark for utf-16", () => {
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41), "utf-16")).toBe("A");
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00), "utf-16")).toBe("A");
  });
});

describe("fallbacks never throw", () => {
  it.each(["bogus", "x-unknown", "charset=us-askey", "", "\u0000", "a".repeat(500)])(
    "unknown label %j falls back to UTF-8 when valid",
    (label) => {
      expect(decodeText(ascii("grüße"), label)).toBe("grüße");
    },
  );

  it("falls back to windows-1252 when the bytes are not UTF-8", () => {
    const result = decodeCharset(bytes(0x47, 0x72, 0xfc, 0xdf, 0x65, 0x93), "bad-charset");
    expect(result).toEqual({ text: "Grüße“", encoding: "windows-1252", guessed: true });
  });

  it("reads unlabelled or ASCII-labelled 8-bit text as UTF-8 when it is UTF-8", () => {
    expect(decodeCharset(ascii("naïve"), null)).toMatchObject({ text: "naïve", encoding: "utf-8" });
    expect(decodeCharset(ascii("naïve"), "us-ascii")).toMatchObject({
      text: "naïve",
      encoding: "utf-8",
    });
  });

  it("keeps UTF-8 with one cut character as UTF-8", () => {
    const cut = ascii("Юникод запрещен").subarray(0, -1);
    expect(decodeText(cut, null)).toBe("Юникод запреще\ufffd");
  });
});

describe("UTF-7 (RFC 2152)", () => {
  it("decodes the RFC examples", () => {
    expect(decodeUtf7(ascii("Hi Mom -+Jjo--!"))).toBe("Hi Mom -☺-!");
    expect(decodeUtf7(ascii("+ZeVnLIqe-"))).toBe("日本語");
    expect(decodeUtf7(ascii("A+ImIDkQ."))).toBe("A≢Α.");
  });

  it("reads +- as a plus sign", () => {
    expect(decodeUtf7(ascii("1 +- 1 = 2"))).toBe("1 + 1 = 2");
  });

  it("decodes surrogate pairs and repairs a broken one", () => {
    expect(decodeUtf7(ascii("+2D3eAA-"))).toBe("😀");
    expect(decodeUtf7(ascii("+2D0-x"))).toBe("\ufffdx");
  });

  it("is reached through the mail labels", () => {
    expect(decodeText(ascii("+AKM-1"), "unicode-1-1-utf-7")).toBe("£1");
  });
});

describe("HTML meta charset", () => {
  it("finds the charset an HTML document declares", () => {
    expect(
      htmlMetaCharset(
        ascii(
          '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
        ),
      ),
    ).toBe("windows-1251");
    expect(htmlMetaCharset(ascii("<meta charset='utf-8'>"))).toBe("utf-8");
    expect(htmlMetaCharset(ascii("<p>no meta here</p>"))).toBeNull();
  });
});
