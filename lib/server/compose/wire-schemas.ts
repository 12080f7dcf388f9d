/**
 * Shapes the composer's data takes wherever it crosses a trust boundary — a server action's
 * input, or a draft's own header read back from the Drafts folder — so both check the same
 * bounds.
 */
import { z } from "zod";
import { MAX_ADDRESS_CHARS, MAX_NAME_CHARS } from "./limits.ts";

export const personSchema = z.object({
  name: z.string().max(MAX_NAME_CHARS),
  address: z.string().max(MAX_ADDRESS_CHARS),
});

/** The message a reply or forward starts from; `part` names a nested message/rfc822. */
export const composeOriginSchema = z.object({
  mode: z.enum(["reply", "reply-all", "forward", "forward-attachment"]),
  mailbox: z.string().min(1).max(1000),
  uid: z.number().int().positive(),
  part: z
    .string()
    .regex(/^(\d+(\.\d+)*)?$/)
    .max(100),
});
