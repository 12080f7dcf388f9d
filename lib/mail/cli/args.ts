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

export interface ConnectionFlags<Plain extends string> {
  /** `--tls`, `--plain` or (the default) `--starttls`. */
  security: "tls" | "starttls" | Plain;
  /** Trust a private CA (the test stack's certificate): `--ca FILE`, else the first fallback. */
  tlsPolicy: TlsPolicy | undefined;
  /**
   * `--transcript`: the conversation goes to stderr, so what a command writes to stdout (a
   * message's source) stays byte-exact.
   */
  transcript: TranscriptSink | undefined;
}

/** The connection flags every mail CLI takes; IMAP calls no TLS "plain", the others "none". */
export function connectionFlags<Plain extends string>(
  args: ParsedArgs,
  plain: Plain,
  ...caFallbacks: (string | undefined)[]
): ConnectionFlags<Plain> {
  const ca = args.options.get("ca")?.at(-1) ?? caFallbacks.find((f) => f !== undefined);
  return {
    security: args.flags.has("tls") ? "tls" : args.flags.has("plain") ? plain : "starttls",
    tlsPolicy: ca ? { ca: fs.readFileSync(ca) } : undefined,
    transcript: args.flags.has("transcript")
      ? streamTranscript((line) => process.stderr.write(line))
      : undefined,
  };
}
