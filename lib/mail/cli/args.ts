/**
 * A small argv reader for the mail CLIs: `--name value`, `--flag`, repeated options collected,
 * positionals kept in order. Unknown options are an error, so a typo never sends mail to the
 * wrong place. Also the connection options every CLI reads the same way (security, CA, the
 * transcript).
 */
import fs from "node:fs";
import { streamTranscript, type TlsPolicy, type TranscriptSink } from "../net/index.ts";

export interface ParsedArgs {
  options: Map<string, string[]>;
  flags: Set<string>;
  positionals: string[];
}

export interface ArgSpec {
  /** Options that take a value (may repeat). */
  values: string[];
  /** Options without a value. */
  flags: string[];
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (spec.flags.includes(name)) {
      flags.add(name);
    } else if (spec.values.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      options.set(name, [...(options.get(name) ?? []), value]);
    } else {
      throw new Error(`unknown option --${name}`);
    }
  }
  return { options, flags, positionals };
}

export function option(args: ParsedArgs, name: string, fallback?: string): string {
  const value = args.options.get(name)?.at(-1) ?? fallback;
  if (value === undefined) throw new Error(`--${name} is required`);
  return value;
}

/** `--tls`, `--plain` or (the default) `--starttls`; IMAP calls no TLS "plain", the others "none". */
export function securityOption<Plain extends string>(
  args: ParsedArgs,
  plain: Plain,
): "tls" | "starttls" | Plain {
  return args.flags.has("tls") ? "tls" : args.flags.has("plain") ? plain : "starttls";
}

/** Trust a private CA (the test stack's certificate): `--ca FILE`, else the first fallback set. */
export function caPolicy(
  args: ParsedArgs,
  ...fallbacks: (string | undefined)[]
): TlsPolicy | undefined {
  const file = args.options.get("ca")?.at(-1) ?? fallbacks.find((f) => f !== undefined);
  return file ? { ca: fs.readFileSync(file) } : undefined;
}

/**
 * `--transcript`: the conversation goes to stderr, so what a command writes to stdout (a
 * message's source) stays byte-exact.
 */
export function stderrTranscript(args: ParsedArgs): TranscriptSink | undefined {
  return args.flags.has("transcript")
    ? streamTranscript((line) => process.stderr.write(line))
    : undefined;
}
