/**
 * A server on port 0 that does exactly what a test tells it, for fault injection: drops,
 * timeouts, malformed replies, split writes. Never a stand-in for the real servers.
 */
import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";

export interface ScriptedServer {
  port: number;
  /** Every connection the server accepted, in order. */
  connections: net.Socket[];
  close(): Promise<void>;
}

export async function scriptedServer(
  onConnection: (socket: net.Socket) => void,
  options: { tls?: tls.TlsOptions } = {},
): Promise<ScriptedServer> {
  const connections: net.Socket[] = [];
  const handler = (socket: net.Socket) => {
    connections.push(socket);
    socket.on("error", () => {
      // A test that destroys sockets on purpose sees resets here; the client side is under test.
    });
    onConnection(socket);
  };
  const server = options.tls ? tls.createServer(options.tls, handler) : net.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of connections) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Read from a socket until `pattern` has been seen; resolves with everything read. */
export function readUntil(socket: net.Socket, pattern: string | RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("latin1");
      if (typeof pattern === "string" ? seen.includes(pattern) : pattern.test(seen)) {
        socket.off("data", onData);
        resolve(seen);
      }
    };
    socket.on("data", onData);
    socket.once("close", () => reject(new Error(`closed before ${pattern}; saw ${seen}`)));
  });
}

export interface TestCertificate {
  key: string;
  cert: string;
}

/** A fresh self-signed certificate for 127.0.0.1 and localhost, made with the system openssl. */
export function selfSignedCertificate(commonName = "localhost"): TestCertificate {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-cert-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "2",
        "-subj",
        `/CN=${commonName}`,
        "-addext",
        "subjectAltName=DNS:localhost,IP:127.0.0.1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return {
      key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The SHA-256 fingerprint of a PEM certificate in Node's colon-separated form. */
export function fingerprintOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}
