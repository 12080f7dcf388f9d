/**
 * Poking at a message the way a curious reader would (every link and button clicked, scrolled to
 * the end) and reading what its frame document would load, for the hostile-mail specs.
 */
import type { Page } from "@playwright/test";
import { messageFrame, messageFrameElement } from "./mail-pages.ts";

/** Everything in a message a person could click. */
const CLICKABLE = "a, area, button, input, select, summary, label, [onclick], [role=button]";

/**
 * Clicks every clickable thing in the message frame, with real mouse clicks where the element
 * can be hit and a dispatched click otherwise (hidden or zero-sized bait). Returns how many.
 */
export async function clickEverything(page: Page): Promise<number> {
  if ((await messageFrameElement(page).count()) === 0) return 0;
  const targets = messageFrame(page).locator(CLICKABLE);
  const count = await targets.count();
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    const clicked = await target
      .click({ timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (!clicked)
      await target.dispatchEvent("click", undefined, { timeout: 2_000 }).catch(() => {});
  }
  return count;
}

/** Scrolls the message (its frame and the reader around it) to the very end. */
export async function scrollToEnd(page: Page): Promise<void> {
  const frame = messageFrameElement(page);
  if ((await frame.count()) > 0) {
    await frame.scrollIntoViewIfNeeded().catch(() => {});
    const box = await frame.boundingBox();
    if (box) {
      await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
      for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 5_000);
    }
  }
  await page.keyboard.press("End").catch(() => {});
}

/** Closes the tabs that clicked links opened, returning the URLs they had reached. */
export async function closePopups(popups: Page[]): Promise<string[]> {
  const urls: string[] = [];
  for (const popup of popups.splice(0)) {
    urls.push(popup.url());
    await popup.close().catch(() => {});
  }
  return urls;
}

export interface FrameDocumentFacts {
  /** Every URL the document would fetch by itself: src, srcset, poster, background, CSS url(). */
  resources: string[];
  /** Link targets (href, xlink:href, action, formaction). */
  links: string[];
  scripts: number;
  /** Attributes named on…, as `tag@attribute`. */
  handlers: string[];
  /** Elements that embed other documents (iframe, frame, object, embed). */
  embeds: string[];
  hasBase: boolean;
  hasRefresh: boolean;
  csp: string | null;
}

/**
 * What the message frame's srcdoc holds, parsed by the browser (DOMParser: nothing in it runs
 * or loads). Reads the document the app sent, whether or not the frame lets us in.
 */
export async function frameDocumentFacts(page: Page): Promise<FrameDocumentFacts> {
  const srcdoc = (await messageFrameElement(page).getAttribute("srcdoc")) ?? "";
  return page.evaluate((html) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const resources: string[] = [];
    const links: string[] = [];
    const handlers: string[] = [];
    const cssUrls = (css: string) => {
      for (const m of css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3/gi)) {
        resources.push(m[2] ?? m[4] ?? "");
      }
    };
    for (const el of Array.from(doc.querySelectorAll("*"))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith("on")) handlers.push(`${el.localName}@${name}`);
        if (["src", "poster", "background", "data", "codebase"].includes(name))
          resources.push(attr.value);
        if (name === "srcset") {
          for (const candidate of attr.value.split(",")) {
            const url = candidate.trim().split(/\s+/)[0];
            if (url) resources.push(url);
          }
        }
        if (name === "style") cssUrls(attr.value);
        if (["href", "xlink:href", "action", "formaction"].includes(name)) {
          if (el.localName === "link" || el.localName === "image" || el.localName === "use")
            resources.push(attr.value);
          else links.push(attr.value);
        }
      }
    }
    for (const style of Array.from(doc.querySelectorAll("style"))) cssUrls(style.textContent ?? "");
    const csp =
      doc.querySelector('meta[http-equiv="Content-Security-Policy" i]')?.getAttribute("content") ??
      null;
    return {
      resources,
      links,
      scripts: doc.querySelectorAll("script").length,
      handlers,
      embeds: Array.from(doc.querySelectorAll("iframe, frame, object, embed")).map(
        (e) => e.localName,
      ),
      hasBase: doc.querySelector("base") !== null,
      hasRefresh: doc.querySelector('meta[http-equiv="refresh" i]') !== null,
      csp,
    };
  }, srcdoc);
}

/** A URL only the app serves: its part route, its image proxy, or inline data. */
export function isAppResource(url: string, origin: string): boolean {
  const u = url.trim();
  if (/^data:image\//i.test(u)) return true;
  for (const path of ["/api/mail/", "/api/image-proxy?"]) {
    if (u.startsWith(path) || u.startsWith(`${origin}${path}`)) return true;
  }
  return false;
}

/** Schemes that run script or render a document when followed. */
export function isScriptUrl(url: string): boolean {
  // Browsers ignore ASCII tab, newline and leading control characters/space in a scheme.
  const cleaned = url.replace(/[\u0000-\u0020]/g, "").toLowerCase();
  return /^(javascript|vbscript|data:text\/html|data:image\/svg)/.test(cleaned);
}
