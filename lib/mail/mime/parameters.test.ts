import { describe, expect, it } from "vitest";
import { parseContentType, parseStructuredValue } from "./parameters.ts";

describe("Content-Type", () => {
  it("parses type, subtype and quoted parameters", () => {
    expect(parseContentType('Text/Plain; Charset="UTF-8"; format=flowed')).toEqual({
      type: "text",
      subtype: "plain",
      mime: "text/plain",
      params: { charset: "UTF-8", format: "flowed" },
      extended: [],
      valid: true,
    });
  });

  it("defaults a missing or invalid type to text/plain, or to the given default", () => {
    expect(parseContentType(null).mime).toBe("text/plain");
    expect(parseContentType("text").mime).toBe("text/plain");
    expect(parseContentType("", "message/rfc822").mime).toBe("message/rfc822");
    expect(parseContentType("text; charset=koi8-r").params).toEqual({ charset: "koi8-r" });
  });

  it("recovers parameters after a missing semicolon", () => {
    expect(parseContentType('multipart/mixed\tboundary="b1"')).toMatchObject({
      mime: "multipart/mixed",
      params: { boundary: "b1" },
    });
    expect(parseContentType('application/pdf name="x.pdf"').params.name).toBe("x.pdf");
    expect(parseContentType("text/plain; a=1 b=2").params).toEqual({ a: "1", b: "2" });
  });

  it("handles escapes and an unclosed quote", () => {
    expect(parseContentType('text/plain; name="a \\"b\\" c"').params.name).toBe('a "b" c');
    expect(parseContentType('text/plain; name="unclosed; charset=utf-8').params).toEqual({
      name: "unclosed",
      charset: "utf-8",
    });
  });
});

describe("RFC 2231 parameters", () => {
  it("decodes charset, language and percent-encoding", () => {
    expect(
      parseStructuredValue("attachment; filename*=UTF-8'en'%E2%82%AC%20rates.txt").params.filename,
    ).toBe("€ rates.txt");
    expect(
      parseStructuredValue("attachment; filename*=iso-8859-1''caf%E9.txt").params.filename,
    ).toBe("café.txt");
  });

  it("joins continuations in order, decoding only the * segments", () => {
    const value =
      "attachment; filename*1*=%C3%A9e.txt; filename*0*=UTF-8''r%C3%A9sum; filename*2=\" (final)\"";
    expect(parseStructuredValue(value).params.filename).toBe("résumée.txt (final)");
  });

  it("joins plain continuations", () => {
    expect(parseStructuredValue('a; name*0="long "; name*1="name.pdf"').params.name).toBe(
      "long name.pdf",
    );
  });

  it("prefers the extended form and keeps the first of duplicates", () => {
    expect(
      parseStructuredValue("a; filename=\"plain.txt\"; filename*=utf-8''ext.txt").params.filename,
    ).toBe("ext.txt");
    expect(parseStructuredValue("a; x=1; x=2").params.x).toBe("1");
  });

  it("names the parameters that came from the charset form, whose text is final", () => {
    expect(
      parseStructuredValue("a; filename*=utf-8''a%3D%3Fx.pdf; name=\"b.pdf\"").extended,
    ).toEqual(["filename"]);
    expect(parseStructuredValue('a; name*0="=?utf-8?q?lo?="; name*1="ng.pdf"').extended).toEqual(
      [],
    );
    expect(parseContentType("text/plain; name*=utf-8''x").extended).toEqual(["name"]);
  });

  it("survives an unknown charset and broken percent escapes", () => {
    expect(parseStructuredValue("a; filename*=bogus''%41%zz").params.filename).toBe("A%zz");
  });

  it("accepts unquoted values with spaces (seen in the wild)", () => {
    expect(parseStructuredValue("attachment; filename=This is a test.txt").params.filename).toBe(
      "This is a test.txt",
    );
  });

  it("lower-cases the value and parameter names", () => {
    expect(parseStructuredValue("ATTACHMENT; FileName=X").value).toBe("attachment");
    expect(parseStructuredValue("ATTACHMENT; FileName=X").params).toEqual({ filename: "X" });
  });
});
