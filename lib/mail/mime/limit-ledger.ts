/**
 * The scanner's account of its limits: how many entities the tree holds (shared with nested
 * scanners, so `maxParts` bounds a message whose parts hide inside base64 message/rfc822 parts
 * too) and the warnings for each limit hit, once per code and section. Limits never throw (see
 * limits.ts): what passes one is kept as it is and reported here.
 */
import type { MimeLimits, MimeWarningCode } from "./limits.ts";
import type { ScannerContext } from "./scanner-frame.ts";

export class LimitLedger {
  private readonly warned = new Set<string>();

  constructor(
    private readonly limits: MimeLimits,
    private readonly context: ScannerContext,
  ) {}

  /** Entities in the whole tree so far. */
  get parts(): number {
    return this.context.parts.count;
  }

  /** One more entity: a root, or the message a message/rfc822 part holds. */
  countPart(): void {
    this.context.parts.count++;
  }

  /** An entity that turned out not to be one (an empty part between two boundary lines). */
  uncountPart(): void {
    this.context.parts.count--;
  }

  /** A boundary opens a part in `section`, unless that would pass `maxParts`. */
  admitPart(section: string): boolean {
    if (this.context.parts.count >= this.limits.maxParts) {
      this.warn(
        "part-limit",
        section,
        `more than ${this.limits.maxParts} parts: the rest are not parsed`,
      );
      return false;
    }
    this.context.parts.count++;
    return true;
  }

  warn(code: MimeWarningCode, section: string, message: string): void {
    const key = `${code}:${section}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.context.warnings.push({ code, section, message });
  }
}
