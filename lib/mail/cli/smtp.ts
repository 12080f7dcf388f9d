/**
 * `npm run -s mail -- smtp <command> [options]` over lib/mail/smtp:
 *   send --from A --to B [--cc C] [--bcc D] FILE   send FILE (or "-" for stdin) as it is
 *   verify                                         connect, TLS, EHLO, AUTH, QUIT ("test account")
 * Connection options fall back to SMTP_* and then MAILSTACK_* environment variables
 * (`eval "$(npm run -s mailstack env)"` sets the latter for the local test stack).
 * `--transcript` prints the conversation to stderr as RFC 5321's examples show one, with
 * credentials and message data left out.
 */
import fs from "node:fs";
import {
  describeReply,
  SmtpClient,
  type SmtpClientOptions,
  verifySmtpAccount,
} from "../smtp/index.ts";
import { connectionFlags, option, type ParsedArgs, parseArgs } from "./args.ts";

const USAGE = `usage: mail smtp <send --from ADDR --to ADDR [--to ..] [--cc ADDR] [--bcc ADDR] FILE|- | verify>
  --host H --port P (--tls | --starttls | --plain) [--allow-plaintext-auth]
  [--user U [--password P | env SMTP_PASSWORD]] [--ca FILE] [--client-name NAME] [--transcript]
`;

const env = process.env;

function connectOptions(args: ParsedArgs): SmtpClientOptions {
  const { security, tlsPolicy, transcript } = connectionFlags(
    args,
    "none",
    env.SMTP_CA,
    env.MAILSTACK_CERT,
  );
  const defaultPort =
    env.SMTP_PORT ?? (security === "tls" ? "465" : (env.MAILSTACK_SUBMISSION_PORT ?? "587"));
  const user = args.options.get("user")?.at(-1) ?? env.SMTP_USER;
  const options: SmtpClientOptions = {
    host: option(args, "host", env.SMTP_HOST ?? env.MAILSTACK_HOST),
    port: Number(option(args, "port", defaultPort)),
    security,
    allowPlaintextAuth: args.flags.has("allow-plaintext-auth"),
    auth: user ? { user, password: option(args, "password", env.SMTP_PASSWORD) } : undefined,
    clientName: args.options.get("client-name")?.at(-1),
    tlsPolicy,
    transcript,
  };
  return options;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ["host", "port", "user", "password", "ca", "client-name", "from", "to", "cc", "bcc"],
    flags: ["tls", "starttls", "plain", "allow-plaintext-auth", "transcript", "help"],
  });
  const [command, ...rest] = args.positionals;
  if (!command || args.flags.has("help")) {
    process.stderr.write(USAGE);
    return command ? 0 : 2;
  }
  if (command === "verify") return verify(args);
  if (command === "send") return send(args, rest);
  process.stderr.write(`unknown smtp command ${command}\n${USAGE}`);
  return 2;
}

async function verify(args: ParsedArgs): Promise<number> {
  const result = await verifySmtpAccount(connectOptions(args));
  const caps = result.capabilities;
  process.stdout.write(
    [
      `server:   ${caps.serverName} (${describeReply(result.greeting)})`,
      `tls:      ${result.secure ? "yes" : "no"}`,
      `auth:     ${result.authMechanism ?? "none"} (offered: ${caps.auth.join(" ") || "none"})`,
      `max size: ${result.maxMessageSize ?? "no limit stated"}`,
      `features: ${[...caps.extensions.keys()].join(" ")}`,
      "",
    ].join("\n"),
  );
  return 0;
}

async function send(args: ParsedArgs, files: string[]): Promise<number> {
  const [file] = files;
  if (!file || files.length > 1) {
    process.stderr.write(`send takes one FILE (or - for stdin)\n${USAGE}`);
    return 2;
  }
  const envelope = {
    from: option(args, "from"),
    to: args.options.get("to") ?? [],
    cc: args.options.get("cc") ?? [],
    bcc: args.options.get("bcc") ?? [],
  };
  // Streamed from disk: a large message is never read into memory whole.
  const source = file === "-" ? process.stdin : fs.createReadStream(file);
  const size = file === "-" ? undefined : fs.statSync(file).size;
  const client = await SmtpClient.connect(connectOptions(args));
  try {
    const result = await client.send(envelope, source, { size });
    for (const accepted of result.accepted) process.stdout.write(`accepted ${accepted.address}\n`);
    for (const refused of result.refused) {
      process.stdout.write(`refused  ${refused.recipient} ${describeReply(refused.reply)}\n`);
    }
    process.stdout.write(
      `sent     ${result.bytesSent} bytes by ${result.transfer}: ${describeReply(result.reply)}\n`,
    );
  } finally {
    if (!client.closed) await client.quit();
  }
  return 0;
}
