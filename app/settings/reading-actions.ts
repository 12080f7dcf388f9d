"use server";

import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { currentSession } from "@/lib/server/auth/current-session";

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
