/**
 * TOP for a list of messages (the headers of new mail), as results in the order of the list.
 * Up to `ahead` TOPs are asked for before their results are taken, so the command pipeline can
 * send them together when the server offers PIPELINING; with `ahead` 1 each TOP is asked for
 * only when the result before it has been taken, exactly as awaiting top() in a loop.
 *
 * Results are values: a -ERR, or a connection that ended, is the result of the messages it
 * concerns, in its place, so a refused message costs none of the others.
 */
import { isMailError, type MailError } from "../errors.ts";

export type TopResult =
  | { id: number; ok: true; top: Buffer }
  | { id: number; ok: false; error: MailError };

export async function* topsInOrder(
  ids: readonly number[],
  ahead: number,
  top: (id: number) => Promise<Buffer>,
): AsyncGenerator<TopResult, void, undefined> {
  const inFlight: Promise<TopResult>[] = [];
  let next = 0;
  for (;;) {
    // Topped up once half the window is answered: half a window of commands per write, and
    // still half a window in flight meanwhile, so the server never waits for us.
    if (inFlight.length <= ahead / 2) {
      while (inFlight.length < ahead && next < ids.length) inFlight.push(settle(ids[next++]!, top));
    }
    const head = inFlight.shift();
    if (!head) return;
    yield await head;
  }
}

function settle(id: number, top: (id: number) => Promise<Buffer>): Promise<TopResult> {
  const result = top(id).then(
    (data): TopResult => ({ id, ok: true, top: data }),
    (error: unknown): TopResult => {
      if (isMailError(error)) return { id, ok: false, error };
      throw error;
    },
  );
  // A consumer that stops early leaves results untaken; a bug's rejection among them must not
  // become an unhandled rejection (the taken ones still throw it).
  result.catch(() => undefined);
  return result;
}
