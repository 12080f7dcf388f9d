// The environment that points a Letterbox server at the local mail stack: its servers as the
// suggested ones at sign-in, its self-signed certificate trusted as an operator would
// (NODE_EXTRA_CA_CERTS), and its own data directory. Used by the demo, the end-to-end tests'
// server and the reading benchmark. The stack listens on loopback, which the host policy
// refuses for servers people name (lib/server/accounts/host-policy.ts); the operator's
// configured hosts are exempt, so naming 127.0.0.1 here is what lets every account on the
// stack in (IMAP, POP3 and SMTP alike: the exemption is by host), without opening private
// addresses in general.
import { paths, settings } from "./stack.mjs";

/** @param {string} dataDir @returns {Record<string, string>} */
export function letterboxEnvForStack(dataDir) {
  return {
    NODE_ENV: "production",
    LETTERBOX_DATA_DIR: dataDir,
    NODE_EXTRA_CA_CERTS: paths.certFile,
    LETTERBOX_IMAP_HOST: settings.host,
    LETTERBOX_IMAP_PORT: String(settings.ports.imap),
    LETTERBOX_IMAP_SECURITY: "starttls",
    LETTERBOX_SMTP_HOST: settings.host,
    LETTERBOX_SMTP_PORT: String(settings.ports.submission),
    LETTERBOX_SMTP_SECURITY: "starttls",
  };
}
