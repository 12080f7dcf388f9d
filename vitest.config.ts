import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: pure unit tests, and integration tests that talk to the local mail stack
// (scripts/mailstack) and the database. File names say which: `*.test.ts` or `*.int.test.ts`.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          globalSetup: ["scripts/test-setup/integration-global.ts"],
          include: ["lib/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
