/**
 * For the compose tests: messages as Dovecot stored them (maildir files, byte for byte), their
 * header fields, and the composer's controls as a person finds them (by role and name).
 */
import fs from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { type ParsedMessage, parseMessage } from "../../lib/mail/mime/index.ts";
import { mailboxPath } from "../../scripts/mailstack/stack.mjs";

export interface StoredMessage {
  file: string;
  /** Maildir flags from the file name (":2,S" → "S"). */
  flags: string;
  bytes: Buffer;
}

export function storedMessages(login: string, mailbox: string): StoredMessage[] {
  const root = mailboxPath(login, mailbox);
  const out: StoredMessage[] = [];
  for (const dir of ["new", "cur"]) {
    const folder = path.join(root, dir);
    if (!fs.existsSync(folder)) continue;
    for (const name of fs.readdirSync(folder)) {
      const file = path.join(folder, name);
      out.push({
        file,
        flags: /:2,([A-Za-z]*)$/.exec(name)?.[1] ?? "",
        bytes: fs.readFileSync(file),
      });
    }
  }
  return out;
}

/** Waits until `login` has exactly one message in `mailbox` whose bytes contain `marker`. */
export async function waitForStored(
  login: string,
  mailbox: string,
  marker: string,
  timeoutMs = 20_000,
): Promise<StoredMessage> {
  let found: StoredMessage[] = [];
  await expect
    .poll(
      () => {
        found = storedMessages(login, mailbox).filter((m) => m.bytes.includes(marker));
        return found.length;
      },
      { timeout: timeoutMs, message: `${marker} in ${login}'s ${mailbox}` },
    )
    .toBe(1);
  return found[0]!;
}

/** The header block's fields, unfolded, as "Name: value" lines. */
export function headerFields(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  return text
    .slice(0, end < 0 ? text.length : end)
    .split(/\r\n(?![ \t])/)
    .map((line) => line.replace(/\r\n[ \t]/g, " "));
}

export function fieldNames(bytes: Uint8Array): string[] {
  return headerFields(bytes).map((f) => f.slice(0, f.indexOf(":")).toLowerCase());
}

export function parsed(bytes: Uint8Array): ParsedMessage {
  return parseMessage(bytes);
}

export function composer(page: Page) {
  const form = page.getByRole("form", { name: "Compose" });
  return {
    form,
    field: (name: "To" | "Cc" | "Bcc") => form.getByRole("combobox", { name, exact: true }),
    chips: (name: "To" | "Cc" | "Bcc") =>
      form.getByRole("list", { name: `${name} recipients` }).getByRole("listitem"),
    subject: form.getByRole("textbox", { name: "Subject" }),
    body: form.getByRole("textbox", { name: "Message body" }),
    send: form.getByRole("button", { name: "Send", exact: true }),
    attach: form.getByLabel("Attach files"),
    files: form.getByRole("list", { name: "Attached files" }).getByRole("listitem"),
    problems: form.getByRole("alert", { name: "Problems with this message" }),
    failure: form.getByRole("alert", { name: "Sending failed" }),
    draftStatus: form.getByRole("status", { name: "Draft status" }),
  };
}

/** Types addresses into a field and commits them (Enter), as a person would. */
export async function addRecipients(page: Page, name: "To" | "Cc" | "Bcc", text: string) {
  const c = composer(page);
  if (name !== "To" && !(await c.field(name).isVisible())) {
    await c.form.getByRole("button", { name, exact: true }).click();
  }
  await c.field(name).fill(text);
  await c.field(name).press("Enter");
}

/** A real paste event with `text` on the clipboard, into `target`. */
export async function paste(target: Locator, text: string) {
  await target.evaluate((element, value) => {
    const data = new DataTransfer();
    data.setData("text/plain", value);
    element.dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, text);
}

/** Drops files onto `target` the way a file manager does (a drop event carrying Files). */
export async function dropFiles(
  page: Page,
  target: Locator,
  files: { name: string; type: string; bytes: Buffer }[],
) {
  const transfer = await page.evaluateHandle(
    (list) => {
      const data = new DataTransfer();
      for (const f of list) {
        const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
        data.items.add(new File([bytes], f.name, { type: f.type }));
      }
      return data;
    },
    files.map((f) => ({ name: f.name, type: f.type, base64: f.bytes.toString("base64") })),
  );
  await target.dispatchEvent("dragenter", { dataTransfer: transfer });
  await target.dispatchEvent("dragover", { dataTransfer: transfer });
  await target.dispatchEvent("drop", { dataTransfer: transfer });
}
