import "server-only";
/**
 * Everything the composer page starts with, for each way in: a new message (optionally to
 * someone, as a mailto: link gives), a reply or forward of a message, or a draft reopened.
 */
import { randomUUID } from "node:crypto";
import { getDb } from "../../db/client.ts";
import { parseComposeAddresses } from "../../mail/mime/build/index.ts";
import type { MailContext } from "../actions/mail-context.ts";
import type { ChipView, ComposeInitial, IdentityView, ReplyMode } from "./compose-view.ts";
import { openDraft } from "./draft-open.ts";
import { identitiesOf, ownAddresses } from "./identities.ts";
import { loadOriginal } from "./original.ts";
import { signatureHtml } from "./quote.ts";
import { replyStart } from "./reply-start.ts";
import { sizeBudget } from "./size-budget.ts";
import { smtpFacts } from "./smtp-session.ts";

export type ComposeRequest =
  | { kind: "new"; to: string | null }
  | { kind: "reply"; mode: ReplyMode; mailbox: string; uid: number; part: string }
  | { kind: "draft"; uid: number };

function chips(text: string | null): ChipView[] {
  if (!text) return [];
  return parseComposeAddresses(text).map((chip) => ({
    name: chip.name,
    address: chip.address || chip.raw,
    valid: chip.valid,
    reason: chip.reason,
  }));
}

/**
 * The editor's starting HTML: a line to write on, an empty line, the signature, then the quote
 * (replies above the quote, as most mail programs start them).
 */
function startBody(identity: IdentityView, below = ""): string {
  const signature = signatureHtml(identity.signature);
  return `<div><br></div>${signature ? `<div><br></div>${signature}` : ""}${below ? `<div><br></div>${below}` : ""}`;
}

export async function startCompose(
  context: MailContext,
  request: ComposeRequest,
): Promise<ComposeInitial> {
  const db = await getDb();
  const composeId = randomUUID();
  const owner = { sessionId: context.session.sessionId, composeId, accountId: context.account.id };
  const [identities, facts] = await Promise.all([
    identitiesOf(context.account),
    smtpFacts(context.account),
  ]);
  const identity = identities[0]!;
  const initial: ComposeInitial = {
    accountId: context.account.id,
    composeId,
    identities,
    identityId: identity.id,
    to: [],
    cc: [],
    bcc: [],
    subject: "",
    format: "html",
    body: startBody(identity),
    uploads: [],
    origin: null,
    inReplyTo: null,
    references: [],
    draftUid: null,
    budget: sizeBudget(facts.maxMessageSize),
    notes: facts.reached
      ? []
      : [
          "The sending server could not be reached to ask its size limit; Letterbox's own limit is shown.",
        ],
  };

  if (request.kind === "new") {
    initial.to = chips(request.to);
    return initial;
  }

  if (request.kind === "draft") {
    const draft = await openDraft(db, context, owner, request.uid);
    const chosen =
      identities.find((i) => i.id === draft.identityId) ??
      identities.find((i) => i.email.toLowerCase() === draft.fromAddress?.toLowerCase()) ??
      identity;
    return {
      ...initial,
      ...draft,
      identityId: chosen.id,
      draftUid: request.uid,
      notes: [...initial.notes, ...draft.notes],
    };
  }

  const origin = {
    mode: request.mode,
    mailbox: request.mailbox,
    uid: request.uid,
    part: request.part,
  };
  const original = await loadOriginal(context, origin);
  const start = await replyStart(db, owner, original, origin, await ownAddresses(context.account));
  return {
    ...initial,
    to: start.to,
    cc: start.cc,
    subject: start.subject,
    body: startBody(identity, start.quoteHtml),
    uploads: start.uploads,
    origin,
    inReplyTo: start.inReplyTo,
    references: start.references,
    notes: [...initial.notes, ...start.notes],
  };
}
