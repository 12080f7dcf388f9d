"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { currentSession } from "@/lib/server/auth/current-session";
import { forgetSender } from "@/lib/server/mail/remote-senders";

const input = z.object({ markReadOnOpen: z.boolean() });

/** Whether opening a message marks it read: immediately, or never (the person does it). */
export async function setMarkReadOnOpen(
  raw: z.input<typeof input>,
): Promise<{ ok: boolean; message?: string }> {
  const session = await currentSession();
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  const parsed = input.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "Choose one of the options." };
  await (await getDb()).user.update({
    where: { id: session.userId },
    data: { markReadOnOpen: parsed.data.markReadOnOpen },
  });
  return { ok: true };
}

const forgetInput = z.object({ address: z.string().min(1).max(320) });

/** Stop loading remote content automatically from this sender. */
export async function forgetSenderAction(
  raw: z.input<typeof forgetInput>,
): Promise<{ ok: boolean; message?: string }> {
  const session = await currentSession();
  if (!session) return { ok: false, message: "Your session has ended. Sign in again." };
  const parsed = forgetInput.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "Which sender?" };
  try {
    await forgetSender(session.userId, parsed.data.address);
  } catch (error) {
    console.error("letterbox: forgetting a sender failed", error);
    return { ok: false, message: "Letterbox could not save this change. Please try again." };
  }
  return { ok: true };
}
