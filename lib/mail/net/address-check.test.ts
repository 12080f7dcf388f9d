import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ScriptedServer,
  scriptedServer,
  selfSignedCertificate,
  type TestCertificate,
} from "../testing/scripted-server.ts";
import type { AddressCheck } from "./address-check.ts";
import { lineConnectionOptions, openLineChannel } from "./line-connection.ts";
import { MailSocket } from "./mail-socket.ts";
import type { NetError } from "./net-error.ts";

let cert: TestCertificate;
let plain: ScriptedServer;
let secure: ScriptedServer;

beforeAll(async () => {
  cert = selfSignedCertificate();
  plain = await scriptedServer((s) => s.write("* OK plain\r\n"));
  secure = await scriptedServer((s) => s.write("* OK secure\r\n"), {
    tls: { key: cert.key, cert: cert.cert },
  });
});
afterAll(async () => {
  await Promise.all([plain.close(), secure.close()]);
});

/** A check that refuses everything and remembers what it was asked about. */
function refuseAll(): AddressCheck & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(
    (address: string, family: 4 | 6) => {
      asked.push(`${address}/${family}`);
      return false;
    },
    { asked },
  );
}

async function refusal(promise: Promise<unknown>): Promise<NetError> {
  const error = (await promise.then(
    () => {
      throw new Error("connected although the address check refused");
    },
    (e: unknown) => e,
  )) as NetError;
  expect(error.code).toBe("ADDRESS_REFUSED");
  return error;
}

describe("MailSocket address check", () => {
  it("refuses an IP literal before connecting", async () => {
    const before = plain.connections.length;
    const check = refuseAll();
    const error = await refusal(
      MailSocket.connect({ host: "127.0.0.1", port: plain.port, tls: false, addressCheck: check }),
    );
    expect(error.details).toMatchObject({
      host: "127.0.0.1",
      port: plain.port,
      address: "127.0.0.1",
    });
    expect(check.asked).toEqual(["127.0.0.1/4"]);
    expect(plain.connections.length).toBe(before);
  });

  it.each(["localhost", "127.1", "2130706433"])(
    "checks what %s resolves to, not the name, and never connects",
    async (host) => {
      const before = plain.connections.length;
      const check = refuseAll();
      const error = await refusal(
        MailSocket.connect({ host, port: plain.port, tls: false, addressCheck: check }),
      );
      expect(error.details).toMatchObject({ host, address: "127.0.0.1" });
      expect(check.asked).toContain("127.0.0.1/4");
      expect(plain.connections.length).toBe(before);
    },
  );

  it("refuses before the TLS handshake on an implicit-TLS connection", async () => {
    const before = secure.connections.length;
    const error = await refusal(
      MailSocket.connect({
        host: "localhost",
        port: secure.port,
        tls: true,
        tlsPolicy: { ca: cert.cert },
        addressCheck: refuseAll(),
      }),
    );
    expect(error.details.address).toBe("127.0.0.1");
    expect(secure.connections.length).toBe(before);
  });

  it("connects to an address the check allows, by name or literal", async () => {
    const asked: string[] = [];
    const allowLoopbackV4: AddressCheck = (address, family) => {
      asked.push(address);
      return family === 4 && address.startsWith("127.");
    };
    for (const host of ["localhost", "127.0.0.1"]) {
      const socket = await MailSocket.connect({
        host,
        port: plain.port,
        tls: false,
        addressCheck: allowLoopbackV4,
      });
      expect((await socket.readLine()).toString()).toBe("* OK plain");
      socket.destroy();
    }
    expect(asked).toContain("127.0.0.1");
  });

  it("names the address that showed an untrusted certificate", async () => {
    const error = (await MailSocket.connect({
      host: "127.0.0.1",
      port: secure.port,
      tls: true,
      addressCheck: () => true,
    }).catch((e) => e)) as NetError;
    expect(error.code).toBe("TLS_FAILURE");
    expect(error.details.address).toBe("127.0.0.1");
    expect(error.details.certificate?.selfSigned).toBe(true);
  });
});

describe("line connections", () => {
  it("carry the address check from the client's settings to the socket", async () => {
    const before = plain.connections.length;
    const check = refuseAll();
    const options = lineConnectionOptions(
      { host: "localhost", port: plain.port, security: "none", addressCheck: check },
      { connectMs: 5_000, commandMs: 5_000 },
    );
    expect(options.addressCheck).toBe(check);
    await refusal(openLineChannel(options, 1000));
    expect(plain.connections.length).toBe(before);
  });
});
