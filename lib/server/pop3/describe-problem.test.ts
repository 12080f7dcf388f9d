import { describe, expect, it } from "vitest";
import { MailError } from "../../mail/errors.ts";
import { Pop3Error } from "../../mail/pop3/index.ts";
import { describePop3Problem } from "./describe-problem.ts";
import { Pop3StoreError } from "./pop3-store-error.ts";

const err = (
  code: ConstructorParameters<typeof Pop3Error>[0],
  responseCode: string,
  text: string,
) => new Pop3Error(code, text, responseCode, "PASS [redacted]");

describe("describePop3Problem", () => {
  it("words [IN-USE] as another program reading the mailbox, keeping the server's words", () => {
    expect(describePop3Problem(err("POP3_IN_USE", "IN-USE", "Mailbox locked"))).toEqual({
      code: "POP3_IN_USE",
      message:
        "Another program is reading this mailbox right now; Letterbox will try again shortly.",
      serverSaid: "[IN-USE] Mailbox locked",
    });
  });

  it("words [LOGIN-DELAY] with the announced delay, or without one", () => {
    const error = err("POP3_LOGIN_DELAY", "LOGIN-DELAY", "Wait");
    expect(describePop3Problem(error, { loginDelaySeconds: 900 }).message).toBe(
      "The server allows a check only every 15 minutes; Letterbox will check again then.",
    );
    expect(describePop3Problem(error, { loginDelaySeconds: 60 }).message).toContain("every minute");
    expect(describePop3Problem(error, { loginDelaySeconds: 45 }).message).toContain(
      "every 45 seconds",
    );
    expect(describePop3Problem(error).message).toBe(
      "The server allows a check only every so often; Letterbox will check again later.",
    );
  });

  it("words [SYS/TEMP] as passing and [SYS/PERM] as needing the server's administrator", () => {
    expect(describePop3Problem(err("POP3_TEMPORARY", "SYS/TEMP", "Disk full")).message).toMatch(
      /temporary problem.*try again later/,
    );
    const perm = describePop3Problem(err("POP3_ERR", "SYS/PERM", "Quota broken"));
    expect(perm.message).toMatch(/will not go away by itself/);
    expect(perm.serverSaid).toBe("[SYS/PERM] Quota broken");
  });

  it("words the store's own problems and leaves the rest to the general wording", () => {
    expect(describePop3Problem(new Pop3StoreError("MESSAGE_GONE", "x"))).toMatchObject({
      code: "MESSAGE_GONE",
      message: expect.stringMatching(/removed from the server before Letterbox downloaded it/),
    });
    expect(
      describePop3Problem(new Pop3StoreError("FOLDER_EXISTS", 'There is already a folder "A"'))
        .message,
    ).toBe('There is already a folder "A"');
    expect(describePop3Problem(err("AUTH_FAILED", "AUTH", "Bad password"))).toMatchObject({
      code: "AUTH_FAILED",
      message: expect.stringMatching(/POP3 server did not accept this user name and password/),
    });
    expect(describePop3Problem(new MailError("TIMEOUT", "slow")).code).toBe("TIMEOUT");
    expect(describePop3Problem(new Error("bug")).code).toBe("INTERNAL");
  });
});
