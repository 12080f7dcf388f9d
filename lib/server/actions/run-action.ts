import "server-only";
import type { z } from "zod";
import { isMailError } from "../../mail/errors.ts";
import { describeMailError, type UserFacingError } from "../mail/describe-error.ts";
import { AccessError, type MailContext, mailContext } from "./mail-context.ts";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: UserFacingError };

/**
 * The one way server actions run: check the session and the account, validate the input with
 * its schema, run, and turn any failure into a message for people. Server actions are public
 * HTTP endpoints, so none of these steps is optional.
 */
export async function runMailAction<S extends z.ZodType, T>(
  schema: S,
  input: unknown,
  work: (context: MailContext, input: z.infer<S>) => Promise<T>,
  service = "mail server",
): Promise<ActionResult<T>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: {
        code: "INVALID_INPUT",
        message: issue ? `${issue.path.join(".") || "Input"}: ${issue.message}` : "Invalid input",
      },
    };
  }
  const accountId = (parsed.data as { accountId?: unknown }).accountId;
  try {
    const context = await mailContext(typeof accountId === "string" ? accountId : undefined);
    return { ok: true, data: await work(context, parsed.data) };
  } catch (error) {
    if (error instanceof AccessError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    // A MailError is the server's answer, shown to the person; anything else is our bug or the
    // database's, and needs a log line as well.
    if (!isMailError(error)) console.error("letterbox action failed", error);
    return { ok: false, error: describeMailError(error, service) };
  }
}
