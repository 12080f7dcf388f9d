/**
 * Proves that the SQL migrations build exactly the database schema.prisma describes, for both
 * SQLite and PostgreSQL, and that the generated clients can write and read every field.
 * The Prisma CLI cannot diff here (no schema engine), so the test compares catalogues itself.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient as PostgresClient } from "../generated/prisma-postgres/client";
import { PrismaClient as SqliteClient } from "../generated/prisma-sqlite/client";
import type { DatabaseConfig } from "./config";
import { loadMigrations, migrate, migrationsDir } from "./migrate";
import { readPrismaSchema, type SchemaModel } from "./prisma-schema-reader";
import { requirePostgresUrl } from "./testing/postgres-url";

const models = readPrismaSchema(fs.readFileSync("prisma/schema.prisma", "utf8"));

interface Column {
  name: string;
  type: string;
  notNull: boolean;
}

const SQLITE_TYPES: Record<string, string> = {
  String: "TEXT",
  Int: "INTEGER",
  DateTime: "DATETIME",
  Boolean: "BOOLEAN",
  Float: "REAL",
  BigInt: "BIGINT",
  Bytes: "BLOB",
};
const POSTGRES_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  DateTime: "timestamp without time zone",
  Boolean: "boolean",
  Float: "double precision",
  BigInt: "bigint",
  Bytes: "bytea",
};

function expectedColumns(model: SchemaModel, types: Record<string, string>): Column[] {
  return model.scalars
    .map((f) => ({ name: f.name, type: types[f.type]!, notNull: !f.optional }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function expectedUniqueSets(model: SchemaModel): string[] {
  return model.uniques.map((u) => u.join(",")).sort();
}

/** A value for every scalar field, so the round trip touches each column. */
function sampleValue(type: string, seed: string): unknown {
  switch (type) {
    case "String":
      return `${seed}-ünïcødé-"'\\`;
    case "Int":
      return 2_000_000_001;
    case "DateTime":
      return new Date("2026-02-03T04:05:06.789Z");
    case "Boolean":
      return true;
    default:
      throw new Error(`no sample for ${type}`);
  }
}

type AnyClient = Record<
  string,
  {
    create(a: unknown): Promise<unknown>;
    findUniqueOrThrow(a: unknown): Promise<Record<string, unknown>>;
  }
>;

async function roundTripEveryModel(client: AnyClient) {
  const created: Record<string, Record<string, unknown>> = {};
  // Parents before children: a model is ready when every relation target already has a row.
  const pending = [...models];
  while (pending.length > 0) {
    const index = pending.findIndex((m) => m.relations.every((r) => created[r.target]));
    expect(index, "relations form a cycle").toBeGreaterThanOrEqual(0);
    const model = pending.splice(index, 1)[0]!;
    const data: Record<string, unknown> = {};
    for (const field of model.scalars)
      data[field.name] = sampleValue(field.type, `${model.name}.${field.name}`);
    for (const relation of model.relations) {
      relation.fields.forEach((f, i) => {
        data[f] = created[relation.target]![relation.references[i]!];
      });
    }
    const delegate = client[model.name.charAt(0).toLowerCase() + model.name.slice(1)]!;
    await delegate.create({ data });
    const where = Object.fromEntries(model.id.map((f) => [f, data[f]]));
    const back = await delegate.findUniqueOrThrow({
      where: model.id.length === 1 ? where : { [model.id.join("_")]: where },
    });
    for (const field of model.scalars) {
      expect(back[field.name], `${model.name}.${field.name}`).toEqual(data[field.name]);
    }
    created[model.name] = data;
  }
}

describe("SQLite migrations match schema.prisma", () => {
  let dir: string;
  let config: DatabaseConfig;
  let db: Database.Database;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-db-"));
    config = { provider: "sqlite", url: `file:${path.join(dir, "test.db")}` };
    const applied = await migrate(config);
    expect(applied).toEqual(loadMigrations(migrationsDir("sqlite")).map((m) => m.name));
    db = new Database(path.join(dir, "test.db"), { readonly: true });
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has every model's columns with the right types and optionality", () => {
    for (const model of models) {
      const columns = (
        db.prepare(`PRAGMA table_info("${model.name}")`).all() as {
          name: string;
          type: string;
          notnull: number;
          pk: number;
        }[]
      )
        .map((c) => ({ name: c.name, type: c.type, notNull: c.notnull === 1 || c.pk === 1 }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(columns, model.name).toEqual(expectedColumns(model, SQLITE_TYPES));
    }
  });

  it("has the unique constraints, indexes and foreign keys", () => {
    for (const model of models) {
      const indexes = db.prepare(`PRAGMA index_list("${model.name}")`).all() as {
        name: string;
        unique: number;
        origin: string;
      }[];
      const columnsOf = (name: string) =>
        (db.prepare(`PRAGMA index_info("${name}")`).all() as { name: string }[])
          .map((c) => c.name)
          .join(",");
      const uniques = indexes
        .filter((i) => i.unique && i.origin === "c")
        .map((i) => columnsOf(i.name))
        .sort();
      const plain = indexes
        .filter((i) => !i.unique)
        .map((i) => columnsOf(i.name))
        .sort();
      expect(uniques, `${model.name} uniques`).toEqual(expectedUniqueSets(model));
      expect(plain, `${model.name} indexes`).toEqual(model.indexes.map((i) => i.join(",")).sort());
      const keys = (
        db.prepare(`PRAGMA foreign_key_list("${model.name}")`).all() as {
          table: string;
          from: string;
          to: string;
          on_delete: string;
        }[]
      )
        .map((k) => `${k.from}->${k.table}.${k.to}`)
        .sort();
      expect(keys, `${model.name} foreign keys`).toEqual(
        model.relations
          .flatMap((r) => r.fields.map((f, i) => `${f}->${r.target}.${r.references[i]}`))
          .sort(),
      );
    }
  });

  it("has no table that schema.prisma does not describe", () => {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((n) => n !== "_letterbox_migrations" && !n.startsWith("sqlite_"))
      .sort();
    expect(tables).toEqual(models.map((m) => m.name).sort());
  });

  it("writes and reads back every field through the generated client", async () => {
    const client = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: config.url }) });
    try {
      await roundTripEveryModel(client as unknown as AnyClient);
    } finally {
      await client.$disconnect();
    }
  });

  it("is idempotent and refuses a migration edited after it was applied", async () => {
    expect(await migrate(config)).toEqual([]);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "lbx-mig-"));
    fs.cpSync(migrationsDir("sqlite"), copy, { recursive: true });
    const first = loadMigrations(copy)[0]!;
    fs.appendFileSync(path.join(copy, first.name, "migration.sql"), "\n-- edited\n");
    await expect(migrate(config, copy)).rejects.toThrow(/changed after it was applied/);
    fs.rmSync(copy, { recursive: true, force: true });
  });
});

describe("PostgreSQL migrations match schema.prisma", () => {
  const url = requirePostgresUrl();
  let schemaUrl: string;
  let admin: pg.Client;
  const schemaName = `t_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schemaName}"`);
    schemaUrl = `${url}?options=${encodeURIComponent(`-c search_path=${schemaName}`)}`;
    const applied = await migrate({ provider: "postgresql", url: schemaUrl });
    expect(applied).toEqual(loadMigrations(migrationsDir("postgresql")).map((m) => m.name));
  });
  afterAll(async () => {
    await admin.query(`DROP SCHEMA "${schemaName}" CASCADE`);
    await admin.end();
  });

  it("has every model's columns with the right types and optionality", async () => {
    for (const model of models) {
      const { rows } = await admin.query<{
        column_name: string;
        data_type: string;
        is_nullable: string;
      }>(
        "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2",
        [schemaName, model.name],
      );
      const columns = rows
        .map((r) => ({ name: r.column_name, type: r.data_type, notNull: r.is_nullable === "NO" }))
        .sort((a, b) => a.name.localeCompare(b.name));
      expect(columns, model.name).toEqual(expectedColumns(model, POSTGRES_TYPES));
    }
  });

  it("has the unique constraints, indexes and foreign keys", async () => {
    for (const model of models) {
      const { rows } = await admin.query<{ indexdef: string; indexname: string }>(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2",
        [schemaName, model.name],
      );
      const cols = (def: string) =>
        /\(([^)]*)\)\s*$/.exec(def)![1]!.replaceAll('"', "").replaceAll(" ", "");
      const uniques = rows
        .filter((r) => /UNIQUE/.test(r.indexdef) && !r.indexname.endsWith("_pkey"))
        .map((r) => cols(r.indexdef))
        .sort();
      const plain = rows
        .filter((r) => !/UNIQUE/.test(r.indexdef))
        .map((r) => cols(r.indexdef))
        .sort();
      expect(uniques, `${model.name} uniques`).toEqual(expectedUniqueSets(model));
      expect(plain, `${model.name} indexes`).toEqual(model.indexes.map((i) => i.join(",")).sort());
      const keys = await admin.query<{ def: string }>(
        `SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE n.nspname = $1 AND c.conrelid = ('"' || $1 || '"."' || $2 || '"')::regclass AND c.contype = 'f'`,
        [schemaName, model.name],
      );
      const found = keys.rows
        .map((k) => {
          const m =
            /FOREIGN KEY \("?(\w+)"?\) REFERENCES (?:"?[\w]+"?\.)?"?(\w+)"?\("?(\w+)"?\)/.exec(
              k.def,
            )!;
          return `${m[1]}->${m[2]}.${m[3]}`;
        })
        .sort();
      expect(found, `${model.name} foreign keys`).toEqual(
        model.relations
          .flatMap((r) => r.fields.map((f, i) => `${f}->${r.target}.${r.references[i]}`))
          .sort(),
      );
    }
  });

  it("writes and reads back every field through the generated client", async () => {
    const client = new PostgresClient({
      adapter: new PrismaPg({ connectionString: url }, { schema: schemaName }),
    });
    try {
      await roundTripEveryModel(client as unknown as AnyClient);
    } finally {
      await client.$disconnect();
    }
  });
});
