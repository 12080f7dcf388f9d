/**
 * lib/mail is a library that could be published on its own: it imports only Node's built-ins
 * and its own files, never Next, React, Prisma or the rest of this repository. Its relative
 * imports name the real file (`./x.ts`), which Node, tsx, Vitest and Turbopack all resolve
 * the same way (Turbopack does not map `./x.js` to `./x.ts`).
 */
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("lib/mail stands alone", () => {
  const files = sources(root);

  it("imports only Node built-ins and its own files", () => {
    const offending: string[] = [];
    for (const file of files) {
      // Tests and their helpers may use the test stack and vitest; the library may not.
      if (file.endsWith(".test.ts") || file.includes(`${path.sep}testing${path.sep}`)) continue;
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(IMPORT)) {
        const spec = (match[1] ?? match[2])!;
        if (spec.startsWith(".")) {
          const target = path.resolve(path.dirname(file), spec);
          if (!target.startsWith(root + path.sep))
            offending.push(`${path.relative(root, file)}: ${spec}`);
          continue;
        }
        const bare = spec.replace(/^node:/, "").split("/")[0]!;
        if (!builtinModules.includes(bare)) offending.push(`${path.relative(root, file)}: ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("names the real file in every relative import (./x.ts, not ./x.js)", () => {
    const wrong: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(IMPORT)) {
        const spec = (match[1] ?? match[2])!;
        if (!spec.startsWith(".")) continue;
        const target = path.resolve(path.dirname(file), spec);
        if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) {
          wrong.push(`${path.relative(root, file)}: ${spec}`);
        }
      }
    }
    expect(wrong, "use the .ts extension in relative imports (see DEVELOPERS.md)").toEqual([]);
  });
});
