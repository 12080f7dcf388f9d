/**
 * Readiness: a port counts as up only when the daemon behind it answers as it should (IMAP
 * "* OK", POP3 "+OK", SMTP/LMTP "220", Dovecot auth "VERSION"), over TLS where the port is
 * implicit TLS, verified against the stack's own certificate.
 */
import fs from "node:fs";
import net from "node:net";
import tls from "node:tls";
import { paths, settings } from "./config.mjs";

/** What each port must say first, and whether it speaks TLS from the first byte. */
export const PORT_GREETINGS = {
  imap: { greeting: /^\* OK/, tls: false, daemon: "dovecot" },
  imaps: { greeting: /^\* OK/, tls: true, daemon: "dovecot" },
  pop3: { greeting: /^\+OK/, tls: false, daemon: "dovecot" },
  pop3s: { greeting: /^\+OK/, tls: true, daemon: "dovecot" },
  lmtp: { greeting: /^220 /, tls: false, daemon: "dovecot" },
  auth: { greeting: /^VERSION\t/, tls: false, daemon: "dovecot" },
  submission: { greeting: /^220 /, tls: false, daemon: "postfix" },
  smtp: { greeting: /^220 /, tls: false, daemon: "postfix" },
};

/**
 * Connects, reads the first line and checks it.
 * @param {keyof typeof PORT_GREETINGS} name @param {number} timeoutMs
 * @returns {Promise<string>} the greeting line
 */
export function probePort(name, timeoutMs = 2000) {
  const spec = PORT_GREETINGS[name];
  const port = settings.ports[name];
  return new Promise((resolve, reject) => {
    const socket = spec.tls
      ? tls.connect({ host: settings.host, port, ca: fs.readFileSync(paths.certFile) })
      : net.connect({ host: settings.host, port });
    let buffer = "";
    const fail = (/** @type {Error} */ err) => {
      socket.destroy();
      reject(new Error(`${name} (${settings.host}:${port}): ${err.message}`));
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`no greeting within ${timeoutMs} ms`)));
    socket.on("error", fail);
    socket.on("data", (chunk) => {
      buffer += chunk.toString("latin1");
      const end = buffer.indexOf("\n");
      if (end < 0) return;
      const line = buffer.slice(0, end).replace(/\r$/, "");
      socket.destroy();
      if (spec.greeting.test(line)) resolve(line);
      else reject(new Error(`${name} (${settings.host}:${port}): unexpected greeting ${line}`));
    });
    socket.on("end", () => fail(new Error("closed before greeting")));
  });
}

/**
 * Probes every port of one daemon (or all) at once.
 * @param {"dovecot" | "postfix" | undefined} daemon
 * @param {number} [timeoutMs]
 * @returns {Promise<Record<string, { ok: boolean, detail: string }>>}
 */
export async function probeAll(daemon, timeoutMs = 2000) {
  const names = /** @type {(keyof typeof PORT_GREETINGS)[]} */ (Object.keys(PORT_GREETINGS));
  const chosen = names.filter((n) => !daemon || PORT_GREETINGS[n].daemon === daemon);
  const results = await Promise.allSettled(chosen.map((n) => probePort(n, timeoutMs)));
  return Object.fromEntries(
    chosen.map((n, i) => {
      const r = /** @type {PromiseSettledResult<string>} */ (results[i]);
      return [
        n,
        r.status === "fulfilled"
          ? { ok: true, detail: r.value }
          : { ok: false, detail: String(r.reason?.message ?? r.reason) },
      ];
    }),
  );
}

/** @param {string} file @param {number} lines */
export function tailOf(file, lines = 20) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return `(no ${file})`;
  }
}
