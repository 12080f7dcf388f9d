/**
 * Where Letterbox keeps its own state. Nothing to set up: the data directory is created on
 * first start, SQLite lives in it, and DATABASE_URL switches to PostgreSQL for deployments
 * with several app servers.
 */
import path from "node:path";

export type DatabaseProvider = "sqlite" | "postgresql";

export interface DatabaseConfig {
  provider: DatabaseProvider;
  /** For SQLite: `file:` plus an absolute path. For PostgreSQL: the connection string. */
  url: string;
}

export function dataDir(): string {
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.LETTERBOX_DATA_DIR ?? path.join(process.cwd(), ".data"),
  );
}

export function databaseConfig(
  env: Record<string, string | undefined> = process.env,
): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (!url) return { provider: "sqlite", url: `file:${path.join(dataDir(), "letterbox.db")}` };
  if (/^postgres(ql)?:\/\//i.test(url)) return { provider: "postgresql", url };
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    return { provider: "sqlite", url: `file:${path.resolve(file)}` };
  }
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got ${url.split(":")[0]}:`,
  );
}

export function sqliteFile(config: DatabaseConfig): string {
  return config.url.slice("file:".length);
}
