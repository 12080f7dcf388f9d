import { describe, expect, it } from "vitest";
import { parseAuthenticationResults } from "./authentication-results.ts";
import type { HeaderFieldInput } from "./header-field.ts";
import { groupHeaderFields } from "./header-groups.ts";
import { HEADER_ANALYSIS_LIMITS } from "./limits.ts";
import { parseReceived } from "./received.ts";
import { buildRoute } from "./route.ts";
import { trustedAuthenticationResults } from "./trusted-authentication.ts";

// Header values are attacker-controlled. Each input below made an earlier version of a regex
// here backtrack quadratically (a 60 KB "[[[[" comment took 2.6 s); linear code does all of them
// in a few milliseconds. The bound is loose on purpose: it only catches the quadratic case.
const SIZE = 60_000;
const hostile: [string, string][] = [
  ["unclosed literals in a comment", `from x (${"[".repeat(SIZE)}) by y; 1 Jan 2024 00:00 +0000`],
  ["unclosed angles in a comment", `from x (${"<".repeat(SIZE)} [192.0.2.1]) by y`],
  ["helo=[ repeated", `from x (${"helo=[".repeat(SIZE / 6)}) by y`],
  ["trailing punctuation", `from x (${";".repeat(SIZE)}x [192.0.2.1]) by y`],
  ["leading quotes", `from x (${"'".repeat(SIZE)}x) by y`],
  ["dates with unclosed comments", `${"1 Jan 2024 00:00 +0000 (".repeat(SIZE / 25)}`],
  ["digits and spaces", "1 ".repeat(SIZE / 2)],
  ["keywords", "from by with id for via ".repeat(SIZE / 24)],
  ["nested comments", `${"(".repeat(SIZE)}${")".repeat(SIZE)}`],
  ["semicolons", ";".repeat(SIZE)],
  ["equals", "a=".repeat(SIZE / 2)],
  ["quotes", '"'.repeat(SIZE)],
];

describe("hostile header values", () => {
  it.each(hostile)("%s: parsed in linear time", (_, value) => {
    const started = performance.now();
    parseReceived(value);
    parseAuthenticationResults(value);
    const fields: HeaderFieldInput[] = [
      { name: "Authentication-Results", raw: value, value },
      { name: "Received", raw: value, value },
      { name: "Return-Path", raw: value, value },
      { name: "Date", raw: value, value },
    ];
    buildRoute(fields);
    trustedAuthenticationResults(fields);
    groupHeaderFields(fields);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("reads no more than maxValueChars of a value", () => {
    const max = HEADER_ANALYSIS_LIMITS.maxValueChars;
    const padded = `from a.example by b.example id ${"x".repeat(max)}; 1 Jan 2024 00:00 +0000`;
    const received = parseReceived(padded);
    // The date sits past the cap: it is not read, and nothing throws.
    expect(received.date).toBeNull();
    expect(received.from?.helo).toBe("a.example");
    expect(received.raw).toBe(padded);
  });
});
