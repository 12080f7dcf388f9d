/**
 * The local mail stack's settings for TypeScript code (tests, the demo, benchmarks).
 * scripts/mailstack/stack.json is the one place they are written down.
 */
import os from "node:os";
import path from "node:path";
import stack from "../../scripts/mailstack/stack.json" with { type: "json" };

export interface StackUser {
  login: string;
  password: string;
  name: string;
}

export const mailstack = {
  host: stack.host,
  domain: stack.domain,
  ports: stack.ports,
  messageSizeLimit: stack.messageSizeLimit,
  users: stack.users as StackUser[],
  /** Where the stack keeps all its state (configs, mail, logs, PIDs, TLS certificate). */
  // stack.json writes the placeholder literally; it is not a template string.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder stack.json uses
  stateDir: stack.stateDir.replace("${TMPDIR}", process.env.TMPDIR ?? os.tmpdir()),
  get certFile(): string {
    return path.join(this.stateDir, "tls", "cert.pem");
  },
};

export function stackUser(localPart: string): StackUser {
  const user = mailstack.users.find((u) => u.login.startsWith(`${localPart}@`));
  if (!user) throw new Error(`no user ${localPart} in scripts/mailstack/stack.json`);
  return user;
}
