/**
 * Failures of the stack script. `code` is stable so the CLI can choose its exit status and a
 * test setup can tell "this machine cannot run the stack" from "the stack broke".
 */
export class MailstackError extends Error {
  /**
   * @param {"not-root" | "not-debian" | "install-failed" | "start-failed" | "port-busy" | "timeout" | "doveadm-failed" | "bad-argument"} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = "MailstackError";
    this.code = code;
  }
}

export function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}
