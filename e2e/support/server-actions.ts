/**
 * The app's Next.js server actions as the browser sends them (POST with a `Next-Action`
 * header): counted, so a test can wait until the app is idle before the next keystroke, and
 * held back, so a test can reproduce what happens when one is slow.
 */
import type { Page, Request } from "@playwright/test";

const isAction = (request: Request) =>
  request.method() === "POST" && request.headers()["next-action"] !== undefined;

export interface ServerActions {
  /** How many are on their way right now. */
  pending(): number;
  /** Resolves once none has been in flight for `quietMs`. */
  idle(quietMs?: number): Promise<void>;
}

export function trackServerActions(page: Page): ServerActions {
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  page.on("request", (request) => {
    if (!isAction(request)) return;
    inFlight.add(request);
    lastChange = Date.now();
  });
  const done = (request: Request) => {
    if (inFlight.delete(request)) lastChange = Date.now();
  };
  page.on("requestfinished", done);
  page.on("requestfailed", done);
  return {
    pending: () => inFlight.size,
    idle: async (quietMs = 250) => {
      const deadline = Date.now() + 15_000;
      while (inFlight.size > 0 || Date.now() - lastChange < quietMs) {
        if (Date.now() > deadline) throw new Error(`${inFlight.size} server actions still running`);
        await page.waitForTimeout(50);
      }
    },
  };
}

/** Makes every server action take at least `ms` longer, as on a slow link or a busy server. */
export async function slowServerActions(page: Page, ms: number): Promise<void> {
  await page.route("**/*", async (route) => {
    if (isAction(route.request())) await new Promise((resolve) => setTimeout(resolve, ms));
    await route.fallback();
  });
}
