/**
 * Prints the MIME parser's agreement with the corpus oracle, per field and per category:
 *   npx tsx scripts/mime-conformance.ts
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { agreementTable, type Exception, runCorpus } from "../lib/mail/mime/corpus-report.ts";

const repoRoot = path.resolve(import.meta.dirname, "..");
const { exceptions } = JSON.parse(
  readFileSync(path.join(repoRoot, "lib/mail/mime/corpus-exceptions.json"), "utf8"),
) as {
  exceptions: Exception[];
};
console.log(
  agreementTable(runCorpus(path.resolve(repoRoot, "../shared/corpus/public")), exceptions),
);
