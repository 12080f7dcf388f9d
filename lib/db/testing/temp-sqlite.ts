/**
 * For integration tests that need the app's database: a fresh SQLite file in a temp data
 * directory (migrated by getDb), and a function that closes it and removes the directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Db, getDb } from "../client.ts";

export interface TempSqlite {
  db: Db;
  dir: string;
  remove(): Promise<void>;
}

export async function openTempSqlite(prefix: string): Promise<TempSqlite> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  process.env.LETTERBOX_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const db = await getDb();
  return {
    db,
    dir,
    async remove() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
