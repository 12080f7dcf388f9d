/**
 * The one Prisma client of this process, for SQLite or PostgreSQL through their driver
 * adapters, created after the migrations ran. Kept on globalThis because Next's dev server
 * reloads modules and would otherwise open a new pool on every edit.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgres/client";
import { PrismaClient } from "../generated/prisma-sqlite/client";
import { databaseConfig } from "./config";
import { migrate } from "./migrate";

export type Db = PrismaClient;

const holder = globalThis as unknown as { __letterboxDb?: Promise<Db> };

export function getDb(): Promise<Db> {
  holder.__letterboxDb ??= openDb().catch((error) => {
    holder.__letterboxDb = undefined;
    throw error;
  });
  return holder.__letterboxDb;
}

async function openDb(): Promise<Db> {
  const config = databaseConfig();
  await migrate(config);
  if (config.provider === "sqlite") {
    return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: config.url }) });
  }
  // Both clients come from the same schema (scripts/prisma-generate.mjs), so their model
  // APIs are the same; one type serves the app.
  return new PostgresClient({
    adapter: new PrismaPg({ connectionString: config.url }),
  }) as unknown as Db;
}
