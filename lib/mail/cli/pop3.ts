/**
 * `npm run -s mail -- pop3 <command> [options]` over lib/mail/pop3:
 *   stat                      message count and size
 *   list                      every message: number, size, unique id
 *   top ID [--lines N]        headers and the first N body lines (default 0)
 *   retr ID                   the message, streamed to stdout byte for byte
 *   dele ID...                mark for deletion; removed when the session QUITs
 * Connection options fall back to POP3_* and then MAILSTACK_* environment variables
 * (`eval "$(npm run -s mailstack env)"`). `--transcript` prints the conversation to stderr,
 * credentials and message data left out.
 */
import { type Pop3AuthMethod, Pop3Client, type Pop3ClientOptions } from "../pop3/index.ts";
import { connectionFlags, option, type ParsedArgs, parseArgs } from "./args.ts";

const USAGE = `usage: mail pop3 <stat | list | top ID [--lines N] | retr ID | dele ID...>
  --host H --port P (--tls | --starttls | --plain) [--allow-plaintext-auth]
  --user U [--password P | env POP3_PASSWORD] [--auth auto|sasl|user|apop] [--ca FILE] [--transcript]
`;

const env = process.env;

function connectOptions(args: ParsedArgs): Pop3ClientOptions {
  const { security, tlsPolicy, transcript } = connectionFlags(
    args,
    "none",
    env.POP3_CA,
    env.MAILSTACK_CERT,
  );
  const defaultPort =
    env.POP3_PORT ??
    (security === "tls" ? (env.MAILSTACK_POP3S_PORT ?? "995") : (env.MAILSTACK_POP3_PORT ?? "110"));
  const options: Pop3ClientOptions = {
    host: option(args, "host", env.POP3_HOST ?? env.MAILSTACK_HOST),
    port: Number(option(args, "port", defaultPort)),
    security,
    allowPlaintextAuth: args.flags.has("allow-plaintext-auth"),
    auth: {
      user: option(args, "user", env.POP3_USER),
      password: option(args, "password", env.POP3_PASSWORD),
    },
    authMethod: option(args, "auth", "auto") as Pop3AuthMethod,
    tlsPolicy,
    transcript,
  };
  return options;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, {
    values: ["host", "port", "user", "password", "ca", "auth", "lines"],
    flags: ["tls", "starttls", "plain", "allow-plaintext-auth", "transcript", "help"],
  });
  const [command, ...rest] = args.positionals;
  if (!command || args.flags.has("help")) {
    process.stderr.write(USAGE);
    return command ? 0 : 2;
  }
  const commands: Record<string, (client: Pop3Client) => Promise<number>> = {
    stat: stat,
    list: list,
    top: (client) => top(client, ids(rest, 1)[0]!, Number(option(args, "lines", "0"))),
    retr: (client) => retr(client, ids(rest, 1)[0]!),
    dele: (client) => dele(client, ids(rest)),
  };
  const handler = commands[command];
  if (!handler) {
    process.stderr.write(`unknown pop3 command ${command}\n${USAGE}`);
    return 2;
  }
  const client = await Pop3Client.connect(connectOptions(args));
  try {
    return await handler(client);
  } finally {
    // QUIT commits deletions (RFC 1939 section 6); after a failure, close without it.
    if (!client.closed) await client.quit();
  }
}

function ids(positionals: string[], exactly?: number): number[] {
  if (positionals.length === 0 || (exactly !== undefined && positionals.length !== exactly)) {
    throw new Error(`expected ${exactly ?? "one or more"} message number(s)`);
  }
  return positionals.map(Number);
}

async function stat(client: Pop3Client): Promise<number> {
  const { count, size } = await client.stat();
  process.stdout.write(`${count} messages, ${size} octets\n`);
  return 0;
}

async function list(client: Pop3Client): Promise<number> {
  const sizes = await client.list();
  const uids = new Map(
    client.capabilities.uidl || !client.capabilities.known
      ? (await client.uidl()).map((u) => [u.id, u.uid])
      : [],
  );
  for (const { id, size } of sizes) process.stdout.write(`${id}\t${size}\t${uids.get(id) ?? ""}\n`);
  return 0;
}

async function top(client: Pop3Client, id: number, lines: number): Promise<number> {
  process.stdout.write(await client.top(id, lines));
  return 0;
}

async function retr(client: Pop3Client, id: number): Promise<number> {
  await client.retrieveTo(id, (chunk) => {
    if (process.stdout.write(chunk)) return;
    return new Promise<void>((resolve) => process.stdout.once("drain", resolve));
  });
  return 0;
}

async function dele(client: Pop3Client, list: number[]): Promise<number> {
  for (const id of list) await client.delete(id);
  process.stdout.write(`marked ${list.join(", ")}; removed on QUIT\n`);
  return 0;
}
