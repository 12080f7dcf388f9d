/**
 * Types of scripts/demo/mailbox.mjs for TypeScript callers (integration and end-to-end tests).
 * The module is plain JavaScript so `npm run demo` needs no build step.
 */

export interface DemoMessage {
  /** Stable across runs and seeds, e.g. "newsletter-morningbyte-1", "thread-incident-3". */
  id: string;
  /** "INBOX", "Work/Projects", … (the stack's hierarchy separator is "/"). */
  mailbox: string;
  /** IMAP flags: \Seen, \Flagged, \Answered, \Draft. */
  flags: string[];
  internalDate: Date;
  /** The raw message, CRLF line ends. */
  bytes: Buffer;
  /** The Message-ID header, with angle brackets; stable per seed. */
  messageId: string;
  /** The subject as text (decoded). */
  subject: string;
}

export const DEMO_SEED: number;
export const DEMO_LOGIN: string;
export const DEMO_FOLDERS: string[];
export const WELL_KNOWN: {
  readonly remoteImages: "newsletter-morningbyte-1";
  readonly pngAndPdf: "attachments-png-pdf";
  readonly forwarded: "forwarded-rfc822";
  readonly bounce: "bounce-failed";
  readonly delayed: "bounce-delayed";
  readonly longRoute: "long-route";
  readonly inlineImage: "inline-image";
  readonly invitation: "calendar-invite";
  readonly largeAttachment: "large-attachment";
  readonly digest: "digest-1";
  readonly thread: "thread-incident-1";
  readonly koi8r: "international-koi8r";
  readonly draft: "draft-1";
};

export const REAL_WORLD_FOLDER: string;
export const REAL_WORLD_FILES: string[];
export function hasRealWorldCorpus(): boolean;

export function demoMessages(options?: {
  seed?: number;
  now?: Date;
  login?: string;
}): DemoMessage[];

export function seedDemoMailbox(
  login?: string,
  options?: { seed?: number; now?: Date; realWorld?: boolean },
): Promise<{ counts: Record<string, number>; elapsedMs: number }>;

export function isDemoSeeded(login: string, messages: DemoMessage[]): Promise<boolean>;
