import { describe, expect, it } from "vitest";
import { chooseMechanism, loginMechanism, plainMechanism, xoauth2Mechanism } from "./mechanisms.ts";

describe("SASL mechanisms", () => {
  it("PLAIN builds authzid NUL authcid NUL passwd in UTF-8 (RFC 4616)", () => {
    const plain = plainMechanism("pl1@example.test", 'p"w\\{2}é');
    expect(plain.initialResponse()!.toString("utf8")).toBe('\0pl1@example.test\0p"w\\{2}é');
  });

  it("PLAIN refuses a NUL that would shift the fields", () => {
    expect(() => plainMechanism("alice", "a\0b")).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });

  it("LOGIN answers by step, whatever the prompt says, and stops after two", () => {
    const login = loginMechanism("alice", "secret");
    expect(login.initialResponse()).toBeNull();
    expect(login.respond(Buffer.from("Benutzername:")).toString()).toBe("alice");
    expect(login.respond(Buffer.from("Kennwort:")).toString()).toBe("secret");
    expect(() => login.respond(Buffer.from("More?"))).toThrow(
      expect.objectContaining({ code: "PROTOCOL" }),
    );
  });

  it("XOAUTH2 sends the bearer token and answers an error challenge with nothing", () => {
    const oauth = xoauth2Mechanism("alice@example.test", "ya29.token");
    expect(oauth.initialResponse()!.toString()).toBe(
      "user=alice@example.test\x01auth=Bearer ya29.token\x01\x01",
    );
    expect(oauth.respond(Buffer.from('{"status":"401"}')).length).toBe(0);
  });

  it("chooses PLAIN over LOGIN, XOAUTH2 for tokens, and nothing when nothing fits", () => {
    expect(chooseMechanism(["LOGIN", "PLAIN"], { user: "a", password: "b" })?.name).toBe("PLAIN");
    expect(chooseMechanism(["login"], { user: "a", password: "b" })?.name).toBe("LOGIN");
    expect(chooseMechanism(["PLAIN", "XOAUTH2"], { user: "a", accessToken: "t" })?.name).toBe(
      "XOAUTH2",
    );
    expect(chooseMechanism(["PLAIN"], { user: "a", accessToken: "t" })).toBeNull();
    expect(chooseMechanism(["CRAM-MD5"], { user: "a", password: "b" })).toBeNull();
  });
});
