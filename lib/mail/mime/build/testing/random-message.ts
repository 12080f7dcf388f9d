/**
 * Test-only: random messages for the build → parse round-trip property test. Seeded, so a
 * failure names the case that reproduces it. Text is drawn from many scripts (Latin with
 * diacritics, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, CJK, Hangul, emoji with ZWJ
 * sequences, flags and skin tones) and from the characters that break encoders: "=?", "?=",
 * quotes, ";", "\\", "%", "_", tabs, runs of spaces, dot lines, "From " lines, long lines.
 */
import type { Attachment, BuildOptions, InlineImage, Mailbox, MessageSpec } from "../types.ts";

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }
  /** xorshift32: small, fast, good enough to explore inputs. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state;
  }
  int(max: number): number {
    return this.next() % max;
  }
  chance(p: number): boolean {
    return this.next() / 0x100000000 < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.next() & 0xff;
    return out;
  }
}

const SCRIPTS: readonly string[] = [
  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœŒŁłŚśŻżčřšžĞğİı",
  "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΩάέήίόύώ",
  "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЯ",
  "אבגדהוזחטיכלמנסעפצקרשת",
  "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
  "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह्ािीुूेैोौ",
  "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮะาำิีึืุู",
  "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长",
  "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコ漢字日本語",
  "가나다라마바사아자차카타파하한국어글자",
  "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉📎📧✉️🇫🇷🇯🇵👍🏽👩‍💻👨‍👩‍👧‍👦🏳️‍🌈❤️‍🔥",
  "!#$%&'*+-/=?^_`{|}~()<>[]:;@\\,.\"",
  "€£¥©®™°±×÷§¶•…–—‘’“”«»‹›‰",
];

const TRAPS: readonly string[] = [
  "=?",
  "?=",
  "=?utf-8?q?x?=",
  "=?UTF-8?B?SGk=?=",
  "%41",
  "\\",
  '"',
  ";",
  "_",
  "  ",
  "\t",
];

/** Whole grapheme clusters, so an emoji ZWJ sequence or a flag is drawn as one unit. */
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });
const SEGMENTED = SCRIPTS.map((script) => Array.from(segmenter.segment(script), (s) => s.segment));

export function randomWord(random: Random, maxLength = 12, traps = TRAPS): string {
  const script = random.pick(SEGMENTED);
  let word = "";
  const length = 1 + random.int(maxLength);
  for (let i = 0; i < length; i++) word += random.pick(script);
  if (random.chance(0.1)) word += random.pick(traps);
  return word;
}

/** A line of header text: no controls except TAB, no leading/trailing space. */
export function randomHeaderText(random: Random, maxWords = 12, traps = TRAPS): string {
  const words = Array.from({ length: 1 + random.int(maxWords) }, () =>
    randomWord(random, 12, traps),
  );
  if (random.chance(0.05)) words.push("x".repeat(80 + random.int(200)));
  let text = "";
  words.forEach((word, i) => {
    text += i === 0 ? word : `${random.pick([" ", " ", " ", "  ", "\t", " \t "])}${word}`;
  });
  return text.trim();
}

export function randomBody(random: Random): string {
  const lines: string[] = [];
  const count = random.int(30);
  for (let i = 0; i < count; i++) {
    const kind = random.int(10);
    if (kind === 0) lines.push(".");
    else if (kind === 1) lines.push(`From ${randomWord(random)}`);
    else if (kind === 2) lines.push(randomHeaderText(random, 200));
    else if (kind === 3) lines.push("");
    else if (kind === 4) lines.push(`${randomWord(random)}   `);
    else lines.push(randomHeaderText(random, 15));
  }
  let body = "";
  lines.forEach((line, i) => {
    body += i === 0 ? line : `${random.pick(["\n", "\r\n", "\r", "\n"])}${line}`;
  });
  return body;
}

function randomLocal(random: Random): string {
  const atoms = Array.from({ length: 1 + random.int(3) }, () => {
    let atom = "";
    for (let i = 0; i < 1 + random.int(10); i++)
      atom += random.pick("abcdefghijklmnopqrstuvwxyz0123456789+-_".split(""));
    return atom;
  });
  return atoms.join(".");
}

export function randomMailbox(random: Random, index: number): Mailbox {
  const domain = random.pick([
    "letterbox.test",
    "example.com",
    "sub.mail.example.org",
    "xn--bcher-kva.example",
  ]);
  const address = `${randomLocal(random)}${index}@${domain}`;
  if (random.chance(0.3)) return { address };
  const name = random.chance(0.3)
    ? random.pick([
        "Doe, John",
        'Say "hi"',
        "it-helpdesk@letterbox.test",
        "O'Brien (work)",
        "Zoë Ünïcode",
      ])
    : randomHeaderText(random, 4);
  return { name, address };
}

/** Filenames get every trap, encoded-word look-alikes ("=?utf-8?q?x?=") included. */
export function randomFilename(random: Random): string {
  const kind = random.int(6);
  const ext = random.pick([".pdf", ".txt", ".tar.gz", "", ".jpeg", ".日本"]);
  if (kind === 0) return `report${random.int(100)}${ext}`;
  if (kind === 1) return `${randomHeaderText(random, 20, TRAPS)}${ext}`;
  if (kind === 2) return `${"long name ".repeat(10 + random.int(30))}${ext}`;
  if (kind === 3)
    return `quote "${randomWord(random, 12, TRAPS)}"; semi; back\\slash; pct %20${ext}`;
  if (kind === 4) return `${randomWord(random, 60, TRAPS)}${ext}`;
  return `${randomWord(random, 12, TRAPS)} ${randomWord(random, 12, TRAPS)}${ext}`;
}

function randomForward(random: Random): Uint8Array {
  const body = randomBody(random).replace(/\r\n|\r|\n/g, random.chance(0.2) ? "\n" : "\r\n");
  const head = `From: a@b.test\r\nSubject: ${random.chance(0.5) ? "plain" : "ünïcode"}\r\n\r\n`;
  return new TextEncoder().encode(head + body);
}

export interface RandomCase {
  spec: MessageSpec;
  options: BuildOptions;
}

export function randomMessage(seed: number): RandomCase {
  const random = new Random(seed);
  let n = 0;
  const mailboxes = (max: number) =>
    Array.from({ length: random.int(max + 1) }, () => randomMailbox(random, n++));
  const images: InlineImage[] = [];
  const attachments: Attachment[] = [];
  const html = random.chance(0.6) ? `<p>${randomBody(random)}</p>` : undefined;
  if (html) {
    for (let i = 0; i < random.int(3); i++) {
      images.push({
        contentId: `${randomLocal(random)}.${i}@${random.pick(["letterbox.test", "x"])}`,
        contentType: random.pick(["image/png", "image/jpeg", "image/gif"]),
        filename: random.chance(0.5) ? randomFilename(random) : undefined,
        content: random.bytes(random.int(3000)),
      });
    }
  }
  for (let i = 0; i < random.int(4); i++) {
    const bytes = random.bytes(
      random.chance(0.1) ? 0 : random.int(random.chance(0.2) ? 200_000 : 5000),
    );
    const asStream = random.chance(0.4);
    const chunk = 1 + random.int(70_000);
    attachments.push({
      filename: randomFilename(random),
      contentType: random.pick([
        undefined,
        "application/pdf",
        "text/plain",
        "image/png",
        "application/x-foo+json",
      ]),
      content: asStream
        ? {
            size: bytes.length,
            stream: async function* () {
              for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
            },
          }
        : bytes,
    });
  }
  if (random.chance(0.2))
    attachments.push({ message: randomForward(random), filename: "forwarded.eml" });
  const spec: MessageSpec = {
    from: randomMailbox(random, n++),
    to: mailboxes(3),
    cc: mailboxes(2),
    bcc: mailboxes(2),
    subject: random.chance(0.9) ? randomHeaderText(random) : undefined,
    text: random.chance(0.8) || !html ? randomBody(random) : undefined,
    html,
    inlineImages: images,
    attachments,
  };
  const eightBitMime = random.chance(0.5);
  return {
    spec,
    options: { transport: { eightBitMime, binaryMime: eightBitMime && random.chance(0.5) } },
  };
}
