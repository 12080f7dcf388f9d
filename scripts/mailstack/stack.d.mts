/**
 * Types of scripts/mailstack/stack.mjs for TypeScript callers (tests, global setups, the demo).
 * The module is plain JavaScript so `node scripts/mailstack/cli.mjs` needs no build step.
 */

export interface StackUser {
  login: string;
  password: string;
  name: string;
}

export interface StackSettings {
  host: string;
  domain: string;
  /** Absolute, with `${TMPDIR}` already expanded. */
  stateDir: string;
  ports: {
    imap: number;
    imaps: number;
    pop3: number;
    pop3s: number;
    lmtp: number;
    auth: number;
    submission: number;
    smtp: number;
  };
  messageSizeLimit: number;
  users: StackUser[];
}

export const settings: StackSettings;

export const paths: {
  stateDir: string;
  lockFile: string;
  tlsDir: string;
  /** The self-signed certificate every TLS port presents; trust it with tls.connect({ ca }). */
  certFile: string;
  keyFile: string;
  logDir: string;
  dovecotLog: string;
  postfixLog: string;
  mailDir: string;
  dovecotDir: string;
  dovecotConf: string;
  passwdFile: string;
  dovecotRun: string;
  dovecotState: string;
  dovecotPid: string;
  postfixDir: string;
  postfixQueue: string;
  postfixData: string;
  postfixPid: string;
  virtualMailboxes: string;
  publicPidFile: string;
  fingerprintFile: string;
};

export const VMAIL_USER: string;

export type MailstackErrorCode =
  | "not-root"
  | "not-debian"
  | "install-failed"
  | "start-failed"
  | "port-busy"
  | "timeout"
  | "doveadm-failed"
  | "bad-argument";

export class MailstackError extends Error {
  constructor(code: MailstackErrorCode, message: string);
  readonly code: MailstackErrorCode;
}

export interface PortProbe {
  ok: boolean;
  /** The greeting line when up, the reason when not. */
  detail: string;
}

export interface StackStatus {
  /** Both masters alive and every port answering its greeting. */
  up: boolean;
  stateDir: string;
  dovecot: { pid: number | null };
  postfix: { pid: number | null };
  ports: Record<keyof StackSettings["ports"], PortProbe>;
}

export interface StartOptions {
  /** Progress lines (installing packages, starting a daemon). Silent by default. */
  log?: (line: string) => void;
  /** How long to wait for every port to answer; 30 s by default. */
  timeoutMs?: number;
}

export interface StartResult extends StackStatus {
  /** Daemons (re)started by this call; empty when the stack was already up and current. */
  restarted: ("dovecot" | "postfix")[];
  elapsedMs: number;
}

export function start(options?: StartOptions): Promise<StartResult>;
export function stop(): Promise<void>;
export function status(): Promise<StackStatus>;
/** Stops, deletes all mail and Postfix's queue, starts again. The certificate stays. */
export function reset(options?: StartOptions): Promise<StartResult>;
/** MAILSTACK_* variables: host, domain, state dir, cert, size limit, one *_PORT per port. */
export function environment(): Record<string, string>;

export interface DeliverOptions {
  /** IMAP flags: system flags (\Seen, \Answered, \Flagged, \Deleted, \Draft) and keywords. */
  flags?: string[];
  /** The message's INTERNALDATE; now by default. Second precision (file mtime). */
  internalDate?: Date;
}

export interface DeliverMessage extends DeliverOptions {
  /** The message, byte for byte. A string is encoded as UTF-8. */
  bytes: Uint8Array | string;
}

/**
 * Puts one message into a mailbox byte for byte (no SMTP), creating the mailbox if needed.
 * The stack must be running.
 */
export function deliverRaw(
  login: string,
  mailbox: string,
  bytes: Uint8Array | string,
  options?: DeliverOptions,
): Promise<{ uid: number }>;

/** Bulk form of deliverRaw; UIDs are assigned in the order given. */
export function deliverMany(
  login: string,
  mailbox: string,
  messages:
    | Iterable<Uint8Array | string | DeliverMessage>
    | AsyncIterable<Uint8Array | string | DeliverMessage>,
): Promise<{ uids: number[] }>;

/** Deletes one user's mail and ends their sessions; the stack keeps running. */
export function resetUser(login: string): void;

/** The maildir (cur/, new/, tmp/) of a user's INBOX. */
export function userMaildir(login: string): string;

/** The maildir of any mailbox of a user, created and subscribed if missing. */
export function mailboxPath(login: string, mailbox: string): string;

/** The doveadm executable. */
export const DOVEADM: string;

/** Runs `doveadm -c <the stack's dovecot.conf> ...args` and returns its stdout. */
export function doveadm(
  args: string[],
  options?: { input?: Uint8Array | string; allowExit?: number[] },
): string;
