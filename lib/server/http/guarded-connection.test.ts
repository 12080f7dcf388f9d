import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectToAllowedPeer, RefusedAddressError } from "./guarded-connection.ts";
import { isPublicAddress } from "./public-address.ts";

/** A TCP server on 127.0.0.1 that records every connection and every byte it receives. */
function recordingServer() {
  const record = { connections: 0, closed: 0, bytes: 0 };
  const server = net.createServer((socket) => {
    record.connections++;
    socket.on("data", (data) => {
      record.bytes += data.length;
    });
    socket.on("error", () => socket.destroy());
    socket.on("close", () => record.closed++);
  });
  return { server, record };
}

async function until(condition: () => boolean): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > 5000) throw new Error("condition never held");
    await new Promise((r) => setTimeout(r, 10));
  }
}

const { server, record } = recordingServer();
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function refusedBy(promise: Promise<unknown>): Promise<RefusedAddressError> {
  const error = await promise.then(
    () => new Error("connected"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RefusedAddressError);
  return error as RefusedAddressError;
}

describe("connectToAllowedPeer", () => {
  it("connects to an allowed peer and hands the socket over", async () => {
    const before = { ...record };
    const socket = await connectToAllowedPeer(
      { host: "127.0.0.1", port, tls: false },
      { isAllowed: (a) => a === "127.0.0.1", idleMs: 2000 },
    );
    socket.end("hello");
    await until(() => record.closed === before.closed + 1);
    expect(record.bytes - before.bytes).toBe(5);
  });

  // The IP literal never goes through lookup: only the check on 'connect' stands between it
  // and the peer. The peer sees a connection open and close, and not one byte.
  it.each([
    ["127.0.0.1", false, "127.0.0.1"],
    ["::ffff:7f00:1", false, "::ffff:127.0.0.1"],
    ["127.0.0.1", true, "127.0.0.1"],
  ])(
    "refuses %s (TLS: %s) on the address reached, before sending anything",
    async (host, tls, seen) => {
      const before = { ...record };
      const error = await refusedBy(
        connectToAllowedPeer({ host, port, tls }, { isAllowed: isPublicAddress, idleMs: 2000 }),
      );
      expect(error.stage).toBe("connect");
      expect(error.addresses).toEqual([seen]);
      await until(() => record.closed === before.closed + 1);
      expect(record.connections - before.connections).toBe(1);
      expect(record.bytes - before.bytes).toBe(0);
    },
  );

  it("refuses a name that resolves only to refused addresses without connecting", async () => {
    const before = { ...record };
    const error = await refusedBy(
      connectToAllowedPeer(
        { host: "localhost", port, tls: false },
        { isAllowed: isPublicAddress, idleMs: 2000 },
      ),
    );
    expect(error.stage).toBe("lookup");
    await new Promise((r) => setTimeout(r, 50));
    expect(record.connections).toBe(before.connections);
  });

  it("checks the address reached even when the name's answer passed (DNS rebinding)", async () => {
    // The first check (the lookup's answer) passes; by the time the socket is connected the
    // policy says no, as it would for a name re-pointed between resolution and use.
    const asked: string[] = [];
    const before = { ...record };
    const error = await refusedBy(
      connectToAllowedPeer(
        { host: "images.example", port, tls: false },
        {
          isAllowed: (address) => asked.push(address) === 1,
          lookup: (_name, _options, callback) =>
            callback(null, [{ address: "127.0.0.1", family: 4 }]),
          idleMs: 2000,
        },
      ),
    );
    expect(error.stage).toBe("connect");
    expect(asked).toEqual(["127.0.0.1", "127.0.0.1"]);
    await until(() => record.closed === before.closed + 1);
    expect(record.bytes - before.bytes).toBe(0);
  });

  it("gives up when its signal aborts", async () => {
    const controller = new AbortController();
    controller.abort(new Error("reader left"));
    await expect(
      connectToAllowedPeer(
        { host: "127.0.0.1", port, tls: false },
        { isAllowed: () => true, idleMs: 2000, signal: controller.signal },
      ),
    ).rejects.toThrow("reader left");
  });
});
