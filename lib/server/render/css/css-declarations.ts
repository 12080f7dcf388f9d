// Filters a declaration list (a style attribute, or the block of a style rule) by allowlist of
// value shapes. A declaration survives only if every component is a plain token or a known pure
// function; each url() is decided by the URL policy. Everything else is dropped whole:
//   - expression(), -moz-binding, behavior: script from CSS in old IE/Firefox (XSS cheat sheets);
//   - var()/env()/attr(): values we cannot see (`--p:fixed; position:var(--p)` would defeat the
//     position rule, attr(… type(<url>)) loads from an attribute) — custom properties are dropped;
//   - image-set(), src(), image(), element(), paint(): other ways to name a URL or a resource;
//   - position: fixed/sticky: a message must not pin an overlay (Roundcube CVE-2026-35544, p15);
//   - nested rules inside a block (CSS Nesting): they would escape selector scoping.

import {
  type CssComponent,
  isIdent,
  isWhitespace,
  splitComponents,
  trimComponents,
} from "./css-components.ts";
import { serializeComponents, serializeIdent } from "./css-serialize.ts";

/** Decides one url() in a declaration: the URL to write, or null to replace it with `none`. */
export type CssUrlDecider = (url: string, property: string) => string | null;

export interface CssDeclaration {
  property: string;
  value: CssComponent[];
  important: boolean;
}

// Pure functions only: colours, maths, gradients, transforms, filters, shapes, grid, font-face
// src helpers. None of them names a resource.
// biome-ignore format: one family per line reads better than one name per line
const ALLOWED_FUNCTIONS = new Set([
  "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch", "color", "color-mix",
  "calc", "min", "max", "clamp", "-webkit-calc", "-moz-calc",
  "linear-gradient", "radial-gradient", "conic-gradient", "repeating-linear-gradient",
  "repeating-radial-gradient", "repeating-conic-gradient", "-webkit-linear-gradient",
  "-webkit-radial-gradient", "-moz-linear-gradient", "-moz-radial-gradient", "-o-linear-gradient",
  "-ms-linear-gradient", "-webkit-repeating-linear-gradient", "-webkit-gradient", "from", "to",
  "color-stop",
  "translate", "translatex", "translatey", "translatez", "translate3d", "scale", "scalex",
  "scaley", "scalez", "scale3d", "rotate", "rotatex", "rotatey", "rotatez", "rotate3d", "skew",
  "skewx", "skewy", "matrix", "matrix3d", "perspective",
  "cubic-bezier", "steps", "rect", "inset", "circle", "ellipse", "polygon",
  "blur", "brightness", "contrast", "drop-shadow", "grayscale", "hue-rotate", "invert", "opacity",
  "saturate", "sepia",
  "minmax", "repeat", "fit-content", "counter", "counters", "local", "format", "tech",
]);

// `!` is only valid as !important, which is split off before the value is checked.
const ALLOWED_DELIMS = new Set(["/", "+", "-", "*", ".", "%", "=", "#"]);

const POSITIONS = new Set([
  "static",
  "relative",
  "absolute",
  "inherit",
  "initial",
  "unset",
  "revert",
]);

/** Properties that run code or bind behaviour in some engine, whatever their value. */
const FORBIDDEN_PROPERTY = /(?:^|-)behavior$|binding$/;

/** Properties whose url() is a background image: the only CSS loads proxiable after consent. */
export const BACKGROUND_PROPERTIES = new Set(["background", "background-image"]);

function filterValue(
  list: readonly CssComponent[],
  property: string,
  decideUrl: CssUrlDecider,
): CssComponent[] | null {
  const out: CssComponent[] = [];
  for (const c of list) {
    switch (c.type) {
      case "ident":
      case "number":
      case "percentage":
      case "dimension":
      case "hash":
      case "string":
      case "whitespace":
      case "comma":
        out.push(c);
        break;
      case "delim":
        if (!ALLOWED_DELIMS.has(c.value)) return null;
        out.push(c);
        break;
      case "url":
        out.push(urlOrNone(c.value, property, decideUrl));
        break;
      case "func": {
        const name = c.name.toLowerCase();
        if (name === "url") {
          const args = trimComponents(c.value);
          if (args.length !== 1 || args[0]!.type !== "string") return null;
          out.push(urlOrNone(args[0]!.value, property, decideUrl));
          break;
        }
        if (!ALLOWED_FUNCTIONS.has(name)) return null;
        const inner = filterValue(c.value, property, decideUrl);
        if (inner === null) return null;
        out.push({ type: "func", name, value: inner });
        break;
      }
      case "block": {
        if (c.open === "{") return null;
        const inner = filterValue(c.value, property, decideUrl);
        if (inner === null) return null;
        out.push({ type: "block", open: c.open, value: inner });
        break;
      }
      default:
        // colon, semicolon, at-keyword, cdo/cdc, bad-string, bad-url, stray brackets.
        return null;
    }
  }
  return out;
}

function urlOrNone(url: string, property: string, decideUrl: CssUrlDecider): CssComponent {
  const decided = decideUrl(url, property);
  return decided === null ? { type: "ident", value: "none" } : { type: "url", value: decided };
}

/** Splits off a trailing `! important` (§5.4.6: ASCII case-insensitive, whitespace allowed). */
function splitImportant(value: CssComponent[]): { value: CssComponent[]; important: boolean } {
  const trimmed = trimComponents(value);
  const last = trimmed[trimmed.length - 1];
  if (!isIdent(last, "important")) return { value: trimmed, important: false };
  let k = trimmed.length - 2;
  while (k >= 0 && isWhitespace(trimmed[k])) k--;
  const bang = trimmed[k];
  if (bang?.type !== "delim" || bang.value !== "!") return { value: trimmed, important: false };
  return { value: trimComponents(trimmed.slice(0, k)), important: true };
}

function filterDeclaration(
  chunk: readonly CssComponent[],
  decideUrl: CssUrlDecider,
): CssDeclaration | null {
  const parts = trimComponents(chunk);
  const name = parts[0];
  if (name?.type !== "ident") return null;
  let k = 1;
  while (isWhitespace(parts[k])) k++;
  if (parts[k]?.type !== "colon") return null;
  const property = name.value.toLowerCase();
  if (property.startsWith("--") || FORBIDDEN_PROPERTY.test(property)) return null;
  const { value: raw, important } = splitImportant(parts.slice(k + 1));
  if (raw.length === 0) return null;
  if (property === "position") {
    // One keyword; fixed, sticky, -webkit-sticky and anything computed are refused.
    if (raw.length !== 1 || raw[0]!.type !== "ident") return null;
    if (!POSITIONS.has(raw[0]!.value.toLowerCase())) return null;
  }
  const value = filterValue(raw, property, decideUrl);
  return value === null ? null : { property, value, important };
}

/** Filters the contents of a declaration block (already parsed into components). */
export function filterDeclarations(
  block: readonly CssComponent[],
  decideUrl: CssUrlDecider,
): CssDeclaration[] {
  const out: CssDeclaration[] = [];
  for (const chunk of splitComponents(block, "semicolon")) {
    const declaration = filterDeclaration(chunk, decideUrl);
    if (declaration) out.push(declaration);
  }
  return out;
}

export function serializeDeclarations(declarations: readonly CssDeclaration[]): string {
  return declarations
    .map(
      (d) =>
        `${serializeIdent(d.property)}: ${serializeComponents(d.value)}${d.important ? " !important" : ""}`,
    )
    .join("; ");
}
