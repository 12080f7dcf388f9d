/**
 * The MIME tree as "Show original" explains it: every part with its facts, which part the
 * reader displays and why (the reader's own rule, body-choice.ts, replayed along the path to
 * that part), why each other alternative is not displayed, and what the displayed HTML's cid:
 * references point at. Works on BODYSTRUCTURE alone: no part is downloaded to describe it.
 */
import type { MimeNode } from "../../../mail/mime/structure.ts";
import { relatedStart } from "../../../mail/mime/views/body.ts";
import {
  availableFormats,
  type BodyChoice,
  chooseBody,
  findDeliveryStatus,
} from "../reader/body-choice.ts";
import { type CidReport, cidReport } from "./cid-references.ts";
import type { DisplayView, MimeNodeView, PartRole } from "./original-view.ts";

export interface MimeReport {
  tree: MimeNodeView;
  display: DisplayView;
  cidReferences: CidReport["references"] | null;
}

const label = (node: MimeNode) => (node.section ? `part ${node.section}` : "the message root");
const subtype = (node: MimeNode) => node.contentType.slice(node.contentType.indexOf("/") + 1);
const formatName = (format: "html" | "plain") => (format === "html" ? "HTML" : "Plain text");

/** The nodes from the root down to `target`, `target` excluded; null when it is not in the tree. */
function pathTo(root: MimeNode, target: MimeNode): MimeNode[] | null {
  if (root === target) return [];
  for (const child of root.children) {
    const below = pathTo(child, target);
    if (below) return [root, ...below];
  }
  return null;
}

interface Annotations {
  roles: Map<MimeNode, PartRole>;
  notes: Map<MimeNode, string[]>;
}

function note(a: Annotations, node: MimeNode, role: PartRole | null, text: string) {
  if (role && !a.roles.has(node)) a.roles.set(node, role);
  const list = a.notes.get(node) ?? [];
  list.push(text);
  a.notes.set(node, list);
}

/** Why `choice` is displayed: one step per multipart on the way, and a one-line reason. */
function explain(root: MimeNode, choice: BodyChoice, a: Annotations) {
  const path = pathTo(root, choice.part) ?? [];
  const steps: string[] = [];
  let innermost: "alternative" | "related" | "mixed" | null = null;
  path.forEach((node, i) => {
    const next = path[i + 1] ?? choice.part;
    if (node.kind !== "multipart") return;
    const sub = subtype(node);
    if (sub === "alternative") {
      innermost = "alternative";
      steps.push(
        `multipart/alternative (${label(node)}): ${label(next)} is the last of its ${node.children.length} alternatives we can render (RFC 2046 section 5.1.4).`,
      );
      for (const other of node.children) {
        if (other === next) continue;
        const alternative = chooseBody(other);
        if (!alternative) {
          note(a, other, "alternative", `Not shown: we cannot render ${other.contentType}.`);
        } else if (alternative.format !== choice.format) {
          note(
            a,
            other,
            "alternative",
            `Not shown: an earlier alternative (${alternative.part.contentType}); the reader's “${formatName(alternative.format)}” switch shows it.`,
          );
        } else {
          note(a, other, "alternative", "Not shown: an earlier alternative of the same kind.");
        }
      }
    } else if (sub === "related") {
      innermost = innermost ?? "related";
      const start = relatedStart(node);
      const byStart = start !== null && next.contentId === start;
      steps.push(
        `multipart/related (${label(node)}): ${label(next)} is its root (${byStart ? "named by the start parameter" : "its first part"}); the other parts are resources it may show.`,
      );
    } else {
      innermost = innermost ?? "mixed";
      steps.push(
        `multipart/${sub} (${label(node)}): ${label(next)} is the first part with text to show.`,
      );
    }
  });
  const type = choice.part.contentType;
  const reasons = {
    alternative: `the last alternative we can render (${type})`,
    related: `the root of a multipart/related (${type})`,
    mixed: `the first part with text to show (${type})`,
  };
  const reason = innermost ? reasons[innermost] : `the message's only part (${type})`;
  if (path.length === 0) steps.push(`The message is a single ${type} part.`);
  return { reason, steps };
}

function annotateRest(root: MimeNode, choice: BodyChoice | null, a: Annotations) {
  const status = findDeliveryStatus(root);
  if (status) note(a, status, "status", "Shown as the delivery report above the body.");
  const visit = (node: MimeNode, enclosing: MimeNode | null) => {
    if (enclosing) {
      // An attached message's parts are its own: the reader shows them when it is opened.
      const top = enclosing.children[0] === node;
      note(
        a,
        node,
        node.kind === "multipart" ? "container" : node.kind === "message" ? "message" : "other",
        top
          ? `The top of the message attached in part ${enclosing.section}.`
          : `Part of the message attached in part ${enclosing.section}.`,
      );
    } else if (node.kind === "multipart") {
      a.roles.set(node, "container");
    } else if (!a.roles.has(node) && node !== choice?.part) {
      if (node.kind === "message") {
        note(a, node, "message", "An attached message: the reader opens it as a message.");
      } else if (node.disposition === "attachment") {
        note(a, node, "attachment", "An attachment (Content-Disposition: attachment).");
      }
    }
    const inner = node.kind === "message" ? node : enclosing;
    for (const child of node.children) visit(child, inner);
  };
  visit(root, null);
}

export function describeMime(root: MimeNode, referencedCids: readonly string[] | null): MimeReport {
  const a: Annotations = { roles: new Map(), notes: new Map() };
  const choice = chooseBody(root);
  const available = availableFormats(root);
  let display: DisplayView;
  if (choice) {
    const { reason, steps } = explain(root, choice, a);
    note(a, choice.part, "shown", `Shown: ${reason}.`);
    display = {
      section: choice.part.section,
      format: choice.format,
      reason,
      steps,
      available,
    };
  } else {
    display = {
      section: null,
      format: null,
      reason: "no part can be shown: there is no text/plain or text/html outside attachments",
      steps: [],
      available,
    };
  }
  const cids = referencedCids && choice ? cidReport(root, choice, referencedCids) : null;
  if (cids) {
    for (const [node, text] of cids.resourceNotes) note(a, node, "resource", text);
  }
  annotateRest(root, choice, a);
  const view = (node: MimeNode): MimeNodeView => ({
    section: node.section,
    contentType: node.contentType,
    charset: node.params.charset ?? null,
    params: Object.entries(node.params).filter(([name]) => name !== "charset"),
    disposition: node.disposition,
    filename: node.filename,
    contentId: node.contentId,
    description: node.contentDescription,
    transferEncoding: node.transferEncoding,
    size: node.size,
    lines: node.lines,
    kind: node.kind,
    role: a.roles.get(node) ?? "other",
    notes:
      a.notes.get(node) ??
      (node.kind === "leaf" ? ["Not the body: the reader lists it with the attachments."] : []),
    children: node.children.map(view),
  });
  return { tree: view(root), display, cidReferences: cids?.references ?? null };
}
