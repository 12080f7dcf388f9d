/**
 * Applies prisma/migrations (or prisma/migrations-postgres) in name order and records each in
 * `_letterbox_migrations`. The Prisma CLI's `migrate deploy` needs a schema engine this
 * environment cannot download, so the app applies the same SQL files itself at start.
 * A migration that was applied and then edited is refused (checksum), as Prisma does.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type DatabaseConfig, sqliteFile } from "./config";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const TABLE = "_letterbox_migrations";

export function migrationsDir(provider: DatabaseConfig["provider"]): string {
  const base = path.join(process.cwd(), "prisma");
  return path.join(base, provider === "sqlite" ? "migrations" : "migrations-postgres");
}

export function loadMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Returns the names applied by this call (empty when the database was up to date). */
export async function migrate(config: DatabaseConfig, dir = migrationsDir(config.provider)) {
  const migrations = loadMigrations(dir);
  return config.provider === "sqlite"
    ? migrateSqlite(config, migrations)
    : migratePostgres(config, migrations);
}

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const known = migrations.find((m) => m.name === name);
    if (!known) throw new Error(`The database has migration ${name}, which this version lacks`);
    if (known.checksum !== checksum) {
      throw new Error(`Migration ${name} was changed after it was applied`);
    }
  }
  return migrations.filter((m) => !applied.has(m.name));
}

function migrateSqlite(config: DatabaseConfig, migrations: Migration[]): string[] {
  const file = sqliteFile(config);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // The database holds sealed passwords and session hashes: readable by the server's user only.
  fs.chmodSync(file, 0o600);
  try {
    // WAL lets readers and the one writer proceed together; it persists in the file.
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(
      `CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    const done: string[] = [];
    // IMMEDIATE takes the write lock up front, so two processes starting together serialize.
    const apply = db.transaction(() => {
      const rows = db.prepare(`SELECT name, checksum FROM "${TABLE}"`).all() as {
        name: string;
        checksum: string;
      }[];
      const pending = checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
      const record = db.prepare(
        `INSERT INTO "${TABLE}" (name, checksum, applied_at) VALUES (?, ?, ?)`,
      );
      for (const migration of pending) {
        db.exec(migration.sql);
        record.run(migration.name, migration.checksum, new Date().toISOString());
        done.push(migration.name);
      }
    });
    apply.immediate();
    return done;
  } finally {
    db.close();
  }
}

async function migratePostgres(config: DatabaseConfig, migrations: Migration[]) {
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    // Several app servers may start at once: one applies, the others wait and find it done.
    await client.query("SELECT pg_advisory_lock(7405340991)");
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${TABLE}" (name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(
      `SELECT name, checksum FROM "${TABLE}"`,
    );
    const pending = checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), migrations);
    const done: string[] = [];
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "${TABLE}" (name, checksum, applied_at) VALUES ($1, $2, now())`,
          [migration.name, migration.checksum],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock(7405340991)").catch(() => undefined);
    await client.end();
  }
}
