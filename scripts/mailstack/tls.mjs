/**
 * The stack's self-signed certificate. It stays in the state dir across restarts and resets so
 * a test can pin it or trust it (tls.connect({ ca })) for the whole run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { paths, settings } from "./config.mjs";
import { MailstackError } from "./errors.mjs";

/** Names the certificate must cover: every way a test may address the stack. */
function subjectAltNames() {
  const names = new Set(["IP:127.0.0.1", "DNS:localhost"]);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(settings.host)) names.add(`IP:${settings.host}`);
  else names.add(`DNS:${settings.host}`);
  names.add(`DNS:${settings.domain}`);
  names.add(`DNS:*.${settings.domain}`);
  return [...names].join(",");
}

/** @returns {boolean} true when a new certificate was made */
export function ensureCertificate() {
  const san = subjectAltNames();
  const sanFile = `${paths.tlsDir}/subject-alt-names`;
  const current =
    fs.existsSync(paths.certFile) &&
    fs.existsSync(paths.keyFile) &&
    fs.existsSync(sanFile) &&
    fs.readFileSync(sanFile, "utf8") === san;
  if (current) return false;
  fs.mkdirSync(paths.tlsDir, { recursive: true, mode: 0o755 });
  const run = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-sha256",
      "-days",
      "3650",
      "-subj",
      `/O=Letterbox test stack/CN=${settings.domain}`,
      "-addext",
      `subjectAltName=${san}`,
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign",
      "-addext",
      "extendedKeyUsage=serverAuth",
      "-keyout",
      paths.keyFile,
      "-out",
      paths.certFile,
    ],
    { encoding: "utf8" },
  );
  if (run.status !== 0) {
    throw new MailstackError(
      "start-failed",
      `openssl could not make the certificate: ${run.stderr || run.error?.message}`,
    );
  }
  fs.chmodSync(paths.keyFile, 0o600);
  fs.chmodSync(paths.certFile, 0o644);
  fs.writeFileSync(sanFile, san);
  return true;
}
