/**
 * The public hostile set (../shared/hostile-public): the raw messages, their manifest, and
 * the hostile inputs. Read as data, never special-cased: the held-out set differs.
 */
import fs from "node:fs";
import path from "node:path";
import { HOSTILE_DIR, type HostileInput, hostileInputs } from "../../lib/dev/shared-data.ts";

export { HOSTILE_DIR };

export interface HostileMessage {
  /** "p05" */
  id: string;
  /** "p05-remote-pixels.eml" */
  file: string;
  attackClass: string;
  mustDo: string;
  bytes: Buffer;
}

/** Every message the manifest lists, in manifest order. */
export function hostileMessages(): HostileMessage[] {
  const manifest = fs.readFileSync(path.join(HOSTILE_DIR, "manifest.tsv"), "utf8");
  const [, ...rows] = manifest.trimEnd().split("\n");
  return rows
    .map((row) => row.split("\t"))
    .filter(([file]) => file?.endsWith(".eml"))
    .map(([file = "", attackClass = "", mustDo = ""]) => ({
      id: file.slice(0, file.indexOf("-")),
      file,
      attackClass,
      mustDo,
      bytes: fs.readFileSync(path.join(HOSTILE_DIR, file)),
    }));
}

/** inputs.json, by id (PF1, PS2, …). Values hold CR, LF and quotes on purpose. */
export function hostileInput(id: string): HostileInput {
  const found = Object.values(hostileInputs())
    .flat()
    .find((input) => input.id === id);
  if (!found) throw new Error(`no hostile input ${id}`);
  return found;
}
