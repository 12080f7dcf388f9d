import { afterAll, describe, expect, it } from "vitest";
import { mailstack, stackUser } from "@/lib/dev/mailstack";
import { ImapClient } from "../client.ts";
import { connectStack, stackOptions, stackTls } from "../testing/stack-client.ts";

const open: ImapClient[] = [];
afterAll(() => {
  for (const client of open) client.close();
});

describe("session against Dovecot", () => {
  it("STARTTLS, re-reads capabilities over TLS and after login, AUTHENTICATE PLAIN with SASL-IR, ENABLE", async () => {
    const transcript: string[] = [];
    const client = await connectStack("carol", {
      transcript: (d, t) => transcript.push(`${d}: ${t}`),
    });
    open.push(client);
    expect(client.secure).toBe(true);
    expect(client.state).toBe("authenticated");
    // Post-login capabilities (from the tagged OK's CAPABILITY code) include what pre-login did not.
    expect(client.capabilities.has("MOVE")).toBe(true);
    expect(client.capabilities.has("STARTTLS")).toBe(false);
    expect([...client.enabled].sort()).toEqual(["CONDSTORE", "QRESYNC"]);
    const lines = transcript.join("\n");
    expect(lines).toMatch(/C: A1 STARTTLS\nS: A1 OK/);
    expect(lines).toMatch(/C: A2 CAPABILITY/);
    expect(lines).toContain("AUTHENTICATE PLAIN [initial response]");
    expect(lines).not.toContain(stackUser("carol").password);
    await client.noop();
    await client.logout();
    expect(client.usable).toBe(false);
    expect(client.state).toBe("logout");
  });

  it("implicit TLS and LOGIN", async () => {
    const client = await connectStack("dave", {
      port: mailstack.ports.imaps,
      security: "tls",
      auth: { ...stackUser("dave"), user: stackUser("dave").login, method: "LOGIN" },
    });
    open.push(client);
    expect(client.secure).toBe(true);
    expect(client.state).toBe("authenticated");
    await client.logout();
  });

  it('PL1: the password p"w\\{2} logs in with LOGIN and with AUTHENTICATE PLAIN', async () => {
    const pl1 = stackUser("pl1");
    expect(pl1.password).toBe('p"w\\{2}');
    for (const method of ["LOGIN", "PLAIN"] as const) {
      const client = await connectStack("pl1", {
        auth: { user: pl1.login, password: pl1.password, method },
      });
      open.push(client);
      expect(client.state).toBe("authenticated");
      await client.logout();
    }
  });

  it("a wrong password is AUTH_FAILED with AUTHENTICATIONFAILED, for both methods", async () => {
    for (const method of ["LOGIN", "PLAIN"] as const) {
      await expect(
        connectStack("carol", {
          auth: { user: stackUser("carol").login, password: "wrong", method },
        }),
      ).rejects.toMatchObject({
        code: "AUTH_FAILED",
        responseCode: "AUTHENTICATIONFAILED",
        status: "NO",
      });
    }
  });

  it("ID exchanges identities", async () => {
    const client = await connectStack("carol", { clientId: { name: "Letterbox", version: "0.1" } });
    open.push(client);
    expect(client.serverId?.name).toBe("Dovecot");
    await client.logout();
  });

  it("refuses the stack's self-signed certificate unless trusted", async () => {
    await expect(
      ImapClient.connect({ ...stackOptions("carol"), tlsPolicy: {} }),
    ).rejects.toMatchObject({
      code: "TLS_FAILURE",
    });
    expect(stackTls().ca.length).toBeGreaterThan(0);
  });

  it("logs in later, without auth at connect", async () => {
    const { auth, ...rest } = stackOptions("carol");
    const client = await ImapClient.connect(rest);
    open.push(client);
    expect(client.state).toBe("not-authenticated");
    await client.login(auth!);
    expect(client.state).toBe("authenticated");
    await client.logout();
  });
});
