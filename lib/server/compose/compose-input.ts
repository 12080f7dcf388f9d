/**
 * The composer's form as the server receives it, and the checks made before anything is
 * built or sent. Server actions are public endpoints, so everything the browser already
 * checked is checked again here, with a sentence per problem: a control character in a header
 * field is refused, never stripped (hostile PC1, PC2).
 */
import { z } from "zod";
import { checkAddrSpec } from "../../mail/mime/build/index.ts";
import type { Problem, ProblemField } from "./compose-view.ts";
import { MAX_ATTACHMENTS, MAX_BODY_CHARS, MAX_RECIPIENTS, MAX_SUBJECT_CHARS } from "./limits.ts";
import { composeOriginSchema, personSchema } from "./wire-schemas.ts";

const mailbox = personSchema;
const uploadId = z.string().regex(/^[0-9a-f]{32}$/);
const messageId = z.string().max(1000);

export const composeSchema = z.object({
  accountId: z.string().min(1).max(64),
  composeId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  identityId: z.string().min(1).max(64),
  to: z.array(mailbox).max(MAX_RECIPIENTS),
  cc: z.array(mailbox).max(MAX_RECIPIENTS),
  bcc: z.array(mailbox).max(MAX_RECIPIENTS),
  subject: z.string().max(MAX_SUBJECT_CHARS),
  format: z.enum(["html", "plain"]),
  body: z.string().max(MAX_BODY_CHARS),
  /** Uploads attached as files; inline images are found in the HTML body. */
  attachments: z.array(uploadId).max(MAX_ATTACHMENTS),
  origin: composeOriginSchema.nullable(),
  inReplyTo: messageId.nullable(),
  references: z.array(messageId).max(200),
  draftUid: z.number().int().positive().nullable(),
});

export type ComposeInput = z.infer<typeof composeSchema>;

/** C0 controls (CR, LF, TAB, NUL ...), DEL, and C1 controls (NEL U+0085 ends lines for some). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

function controlName(text: string): string | null {
  const match = CONTROL.exec(text);
  if (!match) return null;
  const code = match[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code === 0x0a || code === 0x0d) return `a line break (${hex})`;
  if (code === 0x09) return `a tab (${hex})`;
  return `a control character (${hex})`;
}

const FIELD_NAMES: Record<"to" | "cc" | "bcc", string> = { to: "To", cc: "Cc", bcc: "Bcc" };

function checkRecipients(field: "to" | "cc" | "bcc", list: ComposeInput["to"], out: Problem[]) {
  for (const { name, address } of list) {
    const bad = controlName(name) ?? controlName(address);
    if (bad) {
      out.push({
        field,
        message: `${FIELD_NAMES[field]}: “${oneLinePreview(address || name)}” contains ${bad}, which a header cannot hold. Remove it.`,
      });
      continue;
    }
    const checked = checkAddrSpec(address);
    if (!checked.ok) {
      out.push({
        field,
        message: `${FIELD_NAMES[field]}: “${oneLinePreview(address)}” is not a valid address (${checked.reason}).`,
      });
    }
  }
}

/** For messages: the text with controls shown as ␤-like symbols, cut to a readable length. */
export function oneLinePreview(text: string): string {
  const shown = text.replace(/\r\n|\r|\n/g, "⏎").replace(/[\u0000-\u001f\u007f-\u009f]/g, "�");
  return shown.length > 80 ? `${shown.slice(0, 77)}…` : shown;
}

export function problem(field: ProblemField, message: string): Problem {
  return { field, message };
}

/**
 * Everything wrong with the form for sending (`forDraft` false) or for saving as a draft
 * (true: a draft may be unfinished, with no or broken recipients, but it must still be a
 * message whose header cannot be injected into).
 */
export function composeProblems(input: ComposeInput, forDraft: boolean): Problem[] {
  const out: Problem[] = [];
  const subjectBad = controlName(input.subject);
  if (subjectBad) {
    out.push(
      problem(
        "subject",
        `The subject contains ${subjectBad}. A subject is one line: remove it and send again.`,
      ),
    );
  }
  if (forDraft) {
    for (const field of ["to", "cc", "bcc"] as const) {
      for (const { name, address } of input[field]) {
        const bad = controlName(name) ?? controlName(address);
        if (bad) out.push(problem(field, `${FIELD_NAMES[field]}: an address contains ${bad}.`));
      }
    }
    return out;
  }
  if (input.to.length + input.cc.length + input.bcc.length === 0) {
    out.push(problem("to", "Add at least one recipient in To, Cc or Bcc."));
  }
  checkRecipients("to", input.to, out);
  checkRecipients("cc", input.cc, out);
  checkRecipients("bcc", input.bcc, out);
  return out;
}
