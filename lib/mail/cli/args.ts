/**
 * A small argv reader for the mail CLIs: `--name value`, `--flag`, repeated options collected,
 * positionals kept in order. Unknown options are an error, so a typo never sends mail to the
 * wrong place.
 */
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
