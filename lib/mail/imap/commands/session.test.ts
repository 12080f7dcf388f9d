import { afterEach, describe, expect, it } from "vitest";
import { connectTo, type ImapScript, imapScript } from "../testing/scripted-imap.ts";

const scripts: ImapScript[] = [];
afterEach(async () => {
  await Promise.all(scripts.splice(0).map((s) => s.close()));
});

async function script(handler: Parameters<typeof imapScript>[0], greeting: string) {
  const s = await imapScript(handler, { greeting });
  scripts.push(s);
  return s;
}

const PASSWORD = "s3cret-pässword";
const wireText = (s: ImapScript) => Buffer.concat(s.raw).toString("latin1");

describe("STARTTLS never falls back to plaintext", () => {
  it("refuses a server that does not offer STARTTLS, before sending anything", async () => {
    const s = await script(() => {}, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
    await expect(
      connectTo(s, { security: "starttls", auth: { user: "u", password: PASSWORD } }),
    ).rejects.toMatchObject({ code: "PLAINTEXT_REFUSED" });
    await new Promise((r) => setTimeout(r, 20));
    expect(s.received).toEqual([]);
  });

  it("stops when the server answers STARTTLS with NO", async () => {
    const s = await script(
      (line, socket) => socket.write(`${line.tag} NO TLS is broken today\r\n`),
      "* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN] hi\r\n",
    );
    await expect(
      connectTo(s, { security: "starttls", auth: { user: "u", password: PASSWORD } }),
    ).rejects.toMatchObject({ code: "STARTTLS_FAILED" });
    await new Promise((r) => setTimeout(r, 20));
    expect(s.received).toEqual(["A1 STARTTLS"]);
  });

  it("stops when the handshake fails, and the password never crosses the wire", async () => {
    const s = await script((line, socket) => {
      if (line.command === "STARTTLS") {
        socket.write(`${line.tag} OK Begin TLS negotiation now\r\n`);
        socket.once("data", () => socket.end("this is not TLS\r\n"));
      }
    }, "* OK [CAPABILITY IMAP4rev1 STARTTLS AUTH=PLAIN LOGIN] hi\r\n");
    const error = await connectTo(s, {
      security: "starttls",
      auth: { user: "u", password: PASSWORD },
    }).catch((e) => e);
    expect(["TLS_FAILURE", "CLOSED"]).toContain(error.code);
    await new Promise((r) => setTimeout(r, 20));
    expect(wireText(s)).not.toMatch(/LOGIN|AUTHENTICATE/);
    expect(wireText(s)).not.toContain(Buffer.from(`\0u\0${PASSWORD}`).toString("base64"));
  });

  it("refuses data injected after the go-ahead (CVE-2011-0411 class)", async () => {
    const s = await script((line, socket) => {
      if (line.command === "STARTTLS")
        socket.write(`${line.tag} OK go\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n`);
    }, "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n");
    await expect(connectTo(s, { security: "starttls" })).rejects.toMatchObject({
      code: "STARTTLS_FAILED",
    });
  });

  it("refuses a PREAUTH greeting when TLS was required", async () => {
    const s = await script(() => {}, "* PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] you are in\r\n");
    await expect(connectTo(s, { security: "starttls" })).rejects.toMatchObject({
      code: "PLAINTEXT_REFUSED",
    });
  });
});

describe("LOGINDISABLED", () => {
  it("never sends LOGIN when the server disabled it", async () => {
    const s = await script(() => {}, "* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] hi\r\n");
    await expect(connectTo(s, { auth: { user: "u", password: PASSWORD } })).rejects.toMatchObject({
      code: "AUTH_UNAVAILABLE",
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(wireText(s)).toBe("");
  });

  it("uses AUTHENTICATE PLAIN instead when it is offered", async () => {
    const s = await script((line, socket) => {
      if (line.command.startsWith("AUTHENTICATE PLAIN"))
        socket.write(`${line.tag} OK [CAPABILITY IMAP4rev1] in\r\n`);
    }, "* OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN SASL-IR] hi\r\n");
    const client = await connectTo(s, {
      auth: { user: "u", password: PASSWORD, method: "LOGIN" },
    }).catch((e) => e);
    expect(client.code).toBe("AUTH_UNAVAILABLE");
    const auto = await connectTo(s, { auth: { user: "u", password: PASSWORD } });
    expect(auto.state).toBe("authenticated");
    expect(s.received.at(-1)).toBe(
      `A1 AUTHENTICATE PLAIN ${Buffer.from(`\0u\0${PASSWORD}`).toString("base64")}`,
    );
    auto.close();
  });
});

describe("authentication", () => {
  it("LOGIN quotes a hostile password (PL1) and keeps it out of the transcript", async () => {
    const transcript: string[] = [];
    const password = 'p"w\\{2}';
    const s = await script((line, socket) => {
      if (line.command.startsWith("LOGIN")) socket.write(`${line.tag} OK logged in\r\n`);
      if (line.command === "CAPABILITY")
        socket.write(`* CAPABILITY IMAP4rev1 IDLE\r\n${line.tag} OK\r\n`);
    }, "* OK [CAPABILITY IMAP4rev1] hi\r\n");
    const client = await connectTo(s, {
      auth: { user: "pl1@example.test", password },
      transcript: (dir, text) => transcript.push(`${dir}: ${text}`),
    });
    expect(s.received[0]).toBe('A1 LOGIN "pl1@example.test" "p\\"w\\\\{2}"');
    expect(client.capabilities.has("IDLE")).toBe(true);
    expect(transcript.join("\n")).not.toContain('p\\"w');
    expect(transcript).toContain('C: A1 LOGIN "pl1@example.test" ***');
    client.close();
  });

  it("AUTHENTICATE without SASL-IR answers the empty challenge", async () => {
    const s = await script((line, socket) => {
      if (line.command === "AUTHENTICATE PLAIN") socket.write("+ \r\n");
      else if (line.line === Buffer.from(`\0u\0${PASSWORD}`).toString("base64"))
        socket.write("A1 OK [CAPABILITY IMAP4rev1] yes\r\n");
    }, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n");
    const client = await connectTo(s, { auth: { user: "u", password: PASSWORD } });
    expect(client.state).toBe("authenticated");
    client.close();
  });

  it("a failed login is AUTH_FAILED with the response code", async () => {
    const s = await script((line, socket) => {
      socket.write(`${line.tag} NO [AUTHENTICATIONFAILED] Authentication failed.\r\n`);
    }, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\r\n");
    await expect(connectTo(s, { auth: { user: "u", password: "wrong" } })).rejects.toMatchObject({
      code: "AUTH_FAILED",
      responseCode: "AUTHENTICATIONFAILED",
      command: "AUTHENTICATE",
    });
  });

  it("XOAUTH2: answers the JSON error challenge with an empty line, then fails typed", async () => {
    const s = await script((line, socket) => {
      if (line.command.startsWith("AUTHENTICATE XOAUTH2")) {
        socket.write(
          `+ ${Buffer.from('{"status":"401","schemes":"bearer"}').toString("base64")}\r\n`,
        );
      } else if (line.line === "")
        socket.write("A1 NO [AUTHENTICATIONFAILED] Invalid credentials\r\n");
    }, "* OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2 SASL-IR] hi\r\n");
    const transcript: string[] = [];
    await expect(
      connectTo(s, {
        auth: { user: "u@example.com", accessToken: "ya29.token" },
        transcript: (dir, text) => transcript.push(`${dir}: ${text}`),
      }),
    ).rejects.toMatchObject({ code: "AUTH_FAILED", responseCode: "AUTHENTICATIONFAILED" });
    expect(s.received[1]).toBe("");
    expect(transcript.join("\n")).not.toContain("ya29");
  });
});
