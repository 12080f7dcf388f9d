import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { MailAccount } from "../../generated/prisma-sqlite/client.ts";
import { isMailError } from "../../mail/errors.ts";
import { type ImapScript, imapScript } from "../../mail/imap/testing/scripted-imap.ts";
import { seal } from "../crypto/secret-box.ts";
import { forgetServerKey } from "../crypto/server-key.ts";
import { closeSessionConnections } from "./imap-pool.ts";
import { deleteMessages } from "./message-actions.ts";

vi.mock("server-only", () => ({}));

beforeAll(() => {
  process.env.LETTERBOX_SECRET = "message-actions test secret";
  // The scripted server is on loopback: the operator's own server, as a deployment names it.
  process.env.LETTERBOX_IMAP_HOST = "127.0.0.1";
  forgetServerKey();
});

let script: ImapScript | undefined;
afterEach(async () => {
  await closeSessionConnections("s1");
  await script?.close();
});

function accountAt(port: number): MailAccount {
  const id = "acct-1";
  return {
    id,
    userId: "u1",
    email: "alice@example.test",
    displayName: "",
    incomingProtocol: "imap",
    incomingHost: "127.0.0.1",
    incomingPort: port,
    incomingSecurity: "none",
    incomingUsername: "alice",
    incomingCertPin: null,
    smtpHost: "127.0.0.1",
    smtpPort: 1,
    smtpSecurity: "none",
    smtpUsername: "alice",
    smtpCertPin: null,
    trustedAuthservIds: "",
    passwordEnc: seal("secret", `mail-account-password:${id}`),
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

/** A server whose LIST answers as `list` says; every other command succeeds. */
async function server(list: "trash" | "no-trash" | "refused"): Promise<ImapScript> {
  return imapScript((line, socket) => {
    const verb = line.command.split(" ")[0]?.toUpperCase();
    const ok = (text = "done") => socket.write(`${line.tag} OK ${text}\r\n`);
    if (verb === "LIST") {
      if (list === "refused") {
        socket.write(`${line.tag} NO [SERVERBUG] Internal error occurred\r\n`);
        return;
      }
      socket.write('* LIST (\\HasNoChildren) "/" INBOX\r\n');
      if (list === "trash") socket.write('* LIST (\\HasNoChildren \\Trash) "/" Trash\r\n');
      ok();
    } else if (verb === "SELECT" || verb === "EXAMINE") {
      socket.write("* 2 EXISTS\r\n* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 3] ok\r\n");
      ok("[READ-WRITE] selected");
    } else if (verb === "UID" && /^UID MOVE/i.test(line.command)) {
      ok("moved");
    } else ok();
  });
}

const commands = (s: ImapScript) => s.received.map((l) => l.split(" ").slice(1, 3).join(" "));

describe("deleteMessages", () => {
  it("moves to Trash when the account has one", async () => {
    script = await server("trash");
    const result = await deleteMessages(
      { sessionId: "s1", account: accountAt(script.server.port) },
      "INBOX",
      [1, 2],
    );
    expect(result).toBe("trash");
    expect(commands(script)).toContain("UID MOVE");
    expect(commands(script).some((c) => /EXPUNGE|STORE/.test(c))).toBe(false);
  });

  it("deletes for good only when the folder list succeeded and holds no Trash", async () => {
    script = await server("no-trash");
    const result = await deleteMessages(
      { sessionId: "s1", account: accountAt(script.server.port) },
      "INBOX",
      [1],
    );
    expect(result).toBe("expunged");
    expect(commands(script)).toContain("UID STORE");
  });

  it("fails the delete, expunging nothing, when the folder list fails", async () => {
    script = await server("refused");
    const error = await deleteMessages(
      { sessionId: "s1", account: accountAt(script.server.port) },
      "INBOX",
      "all",
    ).catch((e: unknown) => e);
    expect(isMailError(error)).toBe(true);
    expect((error as Error).message).toMatch(/Internal error occurred/);
    expect(commands(script).some((c) => /EXPUNGE|STORE|MOVE/.test(c))).toBe(false);
  });
});
