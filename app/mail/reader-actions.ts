"use server";

import { z } from "zod";
import { type ActionResult, runMailAction } from "@/lib/server/actions/run-action";
import { trustSender } from "@/lib/server/mail/remote-senders";

const input = z.object({
  accountId: z.string().min(1).max(64),
  address: z.string().email().max(320),
});

/** "Always load remote content from this sender", remembered for the person. */
export async function trustSenderAction(raw: z.input<typeof input>): Promise<ActionResult<null>> {
  return runMailAction(input, raw, async (context, { address }) => {
    await trustSender(context.session.userId, address);
    return null;
  });
}
