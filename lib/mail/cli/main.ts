/**
 * `npm run -s mail -- <protocol> <command> [options]`: the protocol clients from a shell,
 * with `--transcript` showing the redacted conversation as an RFC's example session does.
 * Each protocol's commands live in their own module with `run(argv): Promise<number>`.
 */
import { isMailError } from "../errors.ts";

const protocols: Record<string, () => Promise<{ run(argv: string[]): Promise<number> }>> = {
  imap: () => import("./imap.ts"),
  smtp: () => import("./smtp.ts"),
  pop3: () => import("./pop3.ts"),
};

async function main(argv: string[]): Promise<number> {
  const [protocol, ...rest] = argv;
  const load = protocol ? protocols[protocol] : undefined;
  if (!load) {
    process.stderr.write(`usage: mail <${Object.keys(protocols).join("|")}> <command> [options]\n`);
    return 2;
  }
  const module = await load();
  return module.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (isMailError(error)) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    }
    process.exitCode = 1;
  },
);
