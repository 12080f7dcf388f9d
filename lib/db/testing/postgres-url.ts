/**
 * The PostgreSQL server the integration suite runs against. The integration project's global
 * setup starts a throwaway cluster (scripts/postgres/temp-postgres.mjs) and exports its URL.
 */
export function requirePostgresUrl(): string {
  const url = process.env.LETTERBOX_TEST_POSTGRES_URL;
  if (!url) {
    throw new Error(
      "LETTERBOX_TEST_POSTGRES_URL is not set: run through the integration project (vitest --project integration), whose global setup starts PostgreSQL",
    );
  }
  return url;
}
