import net from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fingerprintOf,
  type ScriptedServer,
  scriptedServer,
  selfSignedCertificate,
  type TestCertificate,
} from "../testing/scripted-server.ts";
import { MailSocket } from "./mail-socket.ts";
import type { NetError } from "./net-error.ts";

let cert: TestCertificate;
const servers: ScriptedServer[] = [];

beforeAll(() => {
  cert = selfSignedCertificate();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(
  onConnection: (socket: net.Socket) => void,
  options: { tls?: tls.TlsOptions } = {},
) {
  const server = await scriptedServer(onConnection, options);
  servers.push(server);
  return server;
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("MailSocket errors", () => {
  it("reports a refused connection as CONNECTION_REFUSED", async () => {
    const port = await closedPort();
    await expect(MailSocket.connect({ host: "127.0.0.1", port, tls: false })).rejects.toMatchObject(
      { code: "CONNECTION_REFUSED", details: { port, systemCode: "ECONNREFUSED" } },
    );
  });

  it("reports an unknown host as DNS_FAILURE", async () => {
    await expect(
      MailSocket.connect({ host: "no-such-host.invalid", port: 143, tls: false }),
    ).rejects.toMatchObject({ code: "DNS_FAILURE" });
  });

  it("times out a read the server never answers, and closes the connection", async () => {
    const server = await serve(() => {});
    const socket = await MailSocket.connect({ host: "127.0.0.1", port: server.port, tls: false });
    await expect(socket.readLine({ timeoutMs: 150 })).rejects.toMatchObject({ code: "TIMEOUT" });
    expect(socket.closed).toBe(true);
  });

  it("fails a pending read when the peer closes", async () => {
    const server = await serve((s) => {
      s.write("* OK hello\r\n");
      setTimeout(() => s.end(), 50);
    });
    const socket = await MailSocket.connect({ host: "127.0.0.1", port: server.port, tls: false });
    expect((await socket.readLine()).toString()).toBe("* OK hello");
    await expect(socket.readLine()).rejects.toMatchObject({ code: "CLOSED" });
  });
});

describe("MailSocket TLS", () => {
  it("refuses an untrusted self-signed certificate and says which one it was", async () => {
    const server = await serve((s) => s.write("+OK\r\n"), {
      tls: { key: cert.key, cert: cert.cert },
    });
    const error = (await MailSocket.connect({
      host: "127.0.0.1",
      port: server.port,
      tls: true,
    }).catch((e) => e)) as NetError;
    expect(error.code).toBe("TLS_FAILURE");
    expect(error.details.reason).toMatch(/SELF_SIGNED/);
    expect(error.details.certificate?.fingerprint256).toBe(fingerprintOf(cert.cert));
    expect(error.details.certificate?.selfSigned).toBe(true);
  });

  it("accepts exactly the pinned certificate", async () => {
    const server = await serve((s) => s.write("+OK pinned\r\n"), {
      tls: { key: cert.key, cert: cert.cert },
    });
    const socket = await MailSocket.connect({
      host: "127.0.0.1",
      port: server.port,
      tls: true,
      tlsPolicy: { pinnedFingerprint256: fingerprintOf(cert.cert).toLowerCase() },
    });
    expect(socket.secure).toBe(true);
    expect((await socket.readLine()).toString()).toBe("+OK pinned");
    socket.destroy();
  });

  it("refuses a different certificate than the pinned one", async () => {
    const other = selfSignedCertificate("other");
    const server = await serve((s) => s.write("+OK\r\n"), {
      tls: { key: other.key, cert: other.cert },
    });
    await expect(
      MailSocket.connect({
        host: "127.0.0.1",
        port: server.port,
        tls: true,
        tlsPolicy: { pinnedFingerprint256: fingerprintOf(cert.cert) },
      }),
    ).rejects.toMatchObject({ code: "TLS_CERT_MISMATCH" });
  });

  it("trusts a certificate given as an extra CA", async () => {
    const server = await serve((s) => s.write("+OK ca\r\n"), {
      tls: { key: cert.key, cert: cert.cert },
    });
    const socket = await MailSocket.connect({
      host: "127.0.0.1",
      port: server.port,
      tls: true,
      tlsPolicy: { ca: cert.cert },
    });
    expect((await socket.readLine()).toString()).toBe("+OK ca");
    socket.destroy();
  });

  it("upgrades in place with STARTTLS and keeps reading", async () => {
    const server = await serve((plain) => {
      plain.write("* OK plain\r\n");
      plain.once("data", () => {
        plain.write("A1 OK begin TLS\r\n");
        const secure = new tls.TLSSocket(plain, {
          isServer: true,
          key: cert.key,
          cert: cert.cert,
        });
        secure.write("* OK secure now\r\n");
      });
    });
    const socket = await MailSocket.connect({ host: "127.0.0.1", port: server.port, tls: false });
    expect((await socket.readLine()).toString()).toBe("* OK plain");
    await socket.write("A1 STARTTLS\r\n");
    expect((await socket.readLine()).toString()).toBe("A1 OK begin TLS");
    await socket.upgradeToTls({ ca: cert.cert });
    expect(socket.secure).toBe(true);
    expect((await socket.readLine()).toString()).toBe("* OK secure now");
    socket.destroy();
  });

  it("refuses to upgrade when the server injected data after its go-ahead", async () => {
    const server = await serve((plain) => {
      plain.write("* OK plain\r\n");
      plain.once("data", () => plain.write("A1 OK begin TLS\r\n* OK injected\r\n"));
    });
    const socket = await MailSocket.connect({ host: "127.0.0.1", port: server.port, tls: false });
    await socket.readLine();
    await socket.write("A1 STARTTLS\r\n");
    await socket.readLine();
    await new Promise((r) => setTimeout(r, 50));
    await expect(socket.upgradeToTls({ ca: cert.cert })).rejects.toMatchObject({
      code: "STARTTLS_FAILED",
    });
    expect(socket.closed).toBe(true);
  });

  it("reports a failed STARTTLS handshake as a TLS failure and closes", async () => {
    const server = await serve((plain) => {
      plain.write("* OK plain\r\n");
      plain.once("data", () => {
        plain.write("A1 OK begin TLS\r\n");
        plain.once("data", () => plain.end("garbage, not TLS\r\n"));
      });
    });
    const socket = await MailSocket.connect({ host: "127.0.0.1", port: server.port, tls: false });
    await socket.readLine();
    await socket.write("A1 STARTTLS\r\n");
    await socket.readLine();
    const error = (await socket.upgradeToTls({ ca: cert.cert }).catch((e) => e)) as NetError;
    expect(["TLS_FAILURE", "CLOSED"]).toContain(error.code);
    expect(socket.closed).toBe(true);
    await expect(socket.write("A2 LOGIN x y\r\n")).rejects.toBeTruthy();
  });
});

describe("MailSocket transcript", () => {
  it("records both directions with credentials redacted", async () => {
    const server = await serve((s) => {
      s.write("* OK hi\r\n");
      s.on("data", () => s.write("A1 OK welcome\r\n"));
    });
    const lines: string[] = [];
    const socket = await MailSocket.connect({
      host: "127.0.0.1",
      port: server.port,
      tls: false,
      transcript: (dir, text) => lines.push(`${dir}: ${text}`),
    });
    await socket.readLine();
    await socket.write('A1 LOGIN "alice" "hunter2"\r\n');
    await socket.readLine();
    await socket.write("PASS hunter2\r\n");
    await socket.write("c2VjcmV0\r\n", { transcriptAs: "[SASL response]" });
    socket.destroy();
    expect(lines).toEqual([
      "S: * OK hi",
      "C: A1 LOGIN [redacted]",
      "S: A1 OK welcome",
      "C: PASS [redacted]",
      "C: [SASL response]",
    ]);
    expect(lines.join("\n")).not.toContain("hunter2");
  });
});
