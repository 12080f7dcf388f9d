import { getDb } from "@/lib/db/client";
import { mailContext } from "@/lib/server/actions/mail-context";
import { sessionStillHolds } from "@/lib/server/auth/session-store";
import { errorResponse } from "@/lib/server/http/route-errors";
import { type WatchEvent, watchMailbox } from "@/lib/server/live/mailbox-watch";
import { watchPop3 } from "@/lib/server/live/pop3-watch";
import { describeMailError } from "@/lib/server/mail/describe-error";

const KEEPALIVE_MS = 25_000;

/**
 * Live updates for the open mailbox, as server-sent events: "change" when mail arrives, goes,
 * or changes flags (the browser refetches), "alert" for IMAP [ALERT] texts, "failed" when the
 * watch cannot continue (the browser reconnects after a pause). Closing the tab closes the
 * IMAP connection behind it.
 */
export async function GET(request: Request) {
  const search = new URL(request.url).searchParams;
  const mailbox = search.get("mailbox") ?? "";
  if (!mailbox || mailbox.length > 1000) return new Response("Which mailbox?", { status: 400 });
  let context: Awaited<ReturnType<typeof mailContext>>;
  try {
    context = await mailContext(search.get("account") ?? undefined);
  } catch (error) {
    return errorResponse(error);
  }

  const encoder = new TextEncoder();
  let cleanup = async () => {};
  // False once the stream is closed by us or cancelled by the browser: nothing more is written.
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: string, data: unknown) => {
        if (!open) return;
        controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      const close = () => {
        if (!open) return;
        open = false;
        controller.close();
      };
      // Each keepalive also asks whether the session still holds: signing out in another tab,
      // or removing the account, must not leave this watch reading mail.
      const keepalive = setInterval(async () => {
        if (!open) return;
        const holds = await sessionStillHolds(
          await getDb(),
          context.sessionId,
          context.account.id,
        ).catch((error: unknown) => {
          console.error("events: session check failed", error);
          return true;
        });
        if (!holds) {
          send("ended", { message: "Your session has ended. Sign in again." });
          clearInterval(keepalive);
          void cleanup();
          close();
        } else if (open) controller.enqueue(encoder.encode(": keepalive\n\n"));
      }, KEEPALIVE_MS);
      let pending: NodeJS.Timeout | undefined;
      const onEvent = (event: WatchEvent) => {
        if (event.type === "alert") return send("alert", { text: event.text });
        // A delivery often brings EXISTS and FLAGS together: one refetch is enough.
        clearTimeout(pending);
        pending = setTimeout(() => send("change", { kind: event.type }), 150);
      };
      try {
        const watch =
          context.account.incomingProtocol === "pop3"
            ? watchPop3(context.account.id, mailbox, onEvent)
            : await watchMailbox(context.account, mailbox, onEvent);
        cleanup = async () => {
          clearInterval(keepalive);
          clearTimeout(pending);
          await watch.stop();
          close();
        };
        // The browser may have left while the watch was connecting: nothing else would stop it.
        if (!open) return void (await cleanup());
        await watch.ready;
        send("ready", { mailbox });
        watch.ended.then(
          () => cleanup(),
          (error: unknown) => {
            send("failed", { message: describeMailError(error, "IMAP server").message });
            void cleanup();
          },
        );
      } catch (error) {
        clearInterval(keepalive);
        send("failed", { message: describeMailError(error, "IMAP server").message });
        close();
      }
    },
    cancel() {
      open = false;
      void cleanup();
    },
  });
  request.signal.addEventListener("abort", () => {
    open = false;
    void cleanup();
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
