/**
 * `npm run -s mime -- parse FILE...`: one JSON line per file, in the corpus oracle's schema
 * (see oracle-json.ts), so anyone can compare a message with the oracle's
 * `expected/NAME.json`. Exit code 2 on usage errors, 1 when a file cannot be read.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { toOracleJson } from "./oracle-json.ts";
import { parseMessage } from "./parser.ts";

function main(argv: string[]): number {
  const [command, ...files] = argv;
  if (command !== "parse" || files.length === 0) {
    process.stderr.write("usage: npm run -s mime -- parse FILE...\n");
    return 2;
  }
  let status = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      process.stderr.write(`${file}: ${(error as Error).message}\n`);
      status = 1;
      continue;
    }
    const msg = parseMessage(bytes);
    process.stdout.write(`${JSON.stringify(toOracleJson(msg, bytes, basename(file)))}\n`);
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
