/**
 * The ground truth for "no request leaves the app": Chromium is started with
 * `--host-resolver-rules="MAP * 127.0.0.1:<port>, EXCLUDE localhost, EXCLUDE 127.0.0.1"`, so every
 * connection to any other host name lands here, whatever made it (an <img> in a sandboxed srcdoc
 * frame, CSS, a preconnect, a popup's navigation). Playwright's own request events were observed to
 * miss images loaded from sandboxed srcdoc frames (hostile-public/README.md), so the specs count
 * what reaches this socket instead.
 *
 * Each connection is recorded by the host it was meant for: the HTTP Host header for plain HTTP,
 * the TLS SNI from the ClientHello for HTTPS (the handshake is then abandoned: the browser sees a
 * failed connection, as it would with no internet). Plain HTTP gets an empty 204.
 */
import net from "node:net";

export interface SinkHit {
  /** Lower-cased host name without the port; "" when the client never said which. */
  host: string;
  kind: "http" | "tls" | "silent";
  method?: string;
  path?: string;
  at: number;
}

export interface Sink {
  port: number;
  readonly hits: readonly SinkHit[];
  /** Hits whose host is `domain` or under it (`attacker.test` matches `p05-1.attacker.test`). */
  hitsUnder(domain: string): SinkHit[];
  /** Resolves once every connection accepted so far has been read and recorded. */
  settle(): Promise<void>;
  clear(): void;
  close(): Promise<void>;
}

// A ClientHello with post-quantum key shares is ~1.8 KB; no first request line and headers a
// browser sends come near this. Beyond it the connection is recorded without a host.
const MAX_PREFIX = 64 * 1024;
const READ_TIMEOUT_MS = 3_000;

export async function startSink(): Promise<Sink> {
  const hits: SinkHit[] = [];
  const pending = new Set<Promise<void>>();
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const done = readFirstBytes(socket).then((hit) => {
      hits.push(hit);
      if (hit.kind === "http" && !socket.destroyed) {
        socket.end("HTTP/1.1 204 No Content\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      } else {
        socket.destroy();
      }
    });
    pending.add(done);
    void done.finally(() => pending.delete(done));
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as net.AddressInfo).port,
    hits,
    hitsUnder: (domain) => {
      const d = domain.toLowerCase();
      return hits.filter((h) => h.host === d || h.host.endsWith(`.${d}`));
    },
    settle: async () => {
      await Promise.all([...pending]);
    },
    clear: () => {
      hits.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Reads until the request's host is known (or the client stops talking) and names it. */
function readFirstBytes(socket: net.Socket): Promise<SinkHit> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let finished = false;
    const finish = (hit: Omit<SinkHit, "at">) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.removeAllListeners("data");
      resolve({ ...hit, at: Date.now() });
    };
    // A preconnect opens a socket and may never write: that is recorded, but without a host.
    const timer = setTimeout(() => finish(interpret(buffer, true)), READ_TIMEOUT_MS);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const hit = interpret(buffer, buffer.length >= MAX_PREFIX);
      if (hit) finish(hit);
    });
    socket.on("end", () => finish(interpret(buffer, true)));
    socket.on("close", () => finish(interpret(buffer, true)));
  }) as Promise<SinkHit>;
}

function interpret(buffer: Buffer, final: true): Omit<SinkHit, "at">;
function interpret(buffer: Buffer, final: boolean): Omit<SinkHit, "at"> | null;
function interpret(buffer: Buffer, final: boolean): Omit<SinkHit, "at"> | null {
  if (buffer.length === 0) return final ? { host: "", kind: "silent" } : null;
  if (buffer[0] === 0x16) {
    const sni = clientHelloSni(buffer);
    if (sni === undefined) return final ? { host: "", kind: "tls" } : null;
    return { host: sni ?? "", kind: "tls" };
  }
  const end = buffer.indexOf("\r\n\r\n");
  if (end < 0) return final ? httpHit(buffer.toString("latin1")) : null;
  return httpHit(buffer.subarray(0, end).toString("latin1"));
}

function httpHit(head: string): Omit<SinkHit, "at"> {
  const [requestLine = "", ...headerLines] = head.split("\r\n");
  const [method, target] = requestLine.split(" ");
  const hostLine = headerLines.find((l) => /^host:/i.test(l));
  let host = hostLine ? hostLine.slice(hostLine.indexOf(":") + 1).trim() : "";
  // An absolute-form target (a proxy-style request) names the host too.
  if (!host && target && /^https?:\/\//i.test(target)) host = new URL(target).host;
  host = host.replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  return { host: host.toLowerCase(), kind: "http", method, path: target };
}

/**
 * The server_name of a TLS ClientHello (RFC 8446 4.1.2, RFC 6066 section 3): `undefined` while
 * the record is incomplete, `null` when complete without SNI.
 */
function clientHelloSni(buffer: Buffer): string | null | undefined {
  if (buffer.length < 5) return undefined;
  const recordLength = buffer.readUInt16BE(3);
  if (buffer.length < 5 + recordLength) return undefined;
  const hello = buffer.subarray(5, 5 + recordLength);
  if (hello[0] !== 0x01) return null; // not a ClientHello
  let at = 4 + 2 + 32; // handshake header, legacy_version, random
  const skip = (lengthBytes: 1 | 2) => {
    if (at + lengthBytes > hello.length) return false;
    const n = lengthBytes === 1 ? (hello[at] as number) : hello.readUInt16BE(at);
    at += lengthBytes + n;
    return at <= hello.length;
  };
  if (!skip(1) || !skip(2) || !skip(1)) return null; // session id, cipher suites, compression
  if (at + 2 > hello.length) return null;
  const extensionsEnd = Math.min(hello.length, at + 2 + hello.readUInt16BE(at));
  at += 2;
  while (at + 4 <= extensionsEnd) {
    const type = hello.readUInt16BE(at);
    const length = hello.readUInt16BE(at + 2);
    const data = hello.subarray(at + 4, at + 4 + length);
    at += 4 + length;
    if (type !== 0x0000 || data.length < 5) continue;
    // server_name_list: list length (2), then entries of name_type (1), length (2), name.
    let p = 2;
    while (p + 3 <= data.length) {
      const nameType = data[p] as number;
      const nameLength = data.readUInt16BE(p + 1);
      const name = data.subarray(p + 3, p + 3 + nameLength).toString("ascii");
      if (nameType === 0) return name.toLowerCase();
      p += 3 + nameLength;
    }
  }
  return null;
}
