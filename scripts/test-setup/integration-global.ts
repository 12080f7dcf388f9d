/**
 * Global setup of the integration project: the real servers every integration test talks to.
 * Both starts are idempotent, so a developer's already-running stack is reused.
 */
import fs from "node:fs";
import path from "node:path";
import { start as startPostgres } from "../postgres/temp-postgres.mjs";

export default async function setup(): Promise<void> {
  process.env.LETTERBOX_TEST_POSTGRES_URL ??= startPostgres();
  const stackModule = path.resolve(import.meta.dirname, "../mailstack/stack.mjs");
  if (fs.existsSync(stackModule)) {
    const stack = (await import(stackModule)) as { start(): Promise<unknown> };
    await stack.start();
  }
}
