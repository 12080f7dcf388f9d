import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { MAX_DOM_DEPTH, MAX_HTML_ELEMENTS } from "./render-limits.ts";
import { type RenderOptions, sanitizeMailHtml } from "./sanitize-mail-html.ts";
import { proxyUrl } from "./testing/corpus.ts";
import { inspectOutput, safetyViolations } from "./testing/inspect-output.ts";

const PART = "https://app.test/part/";
const options = (overrides: Partial<RenderOptions> = {}): RenderOptions => ({
  remote: "block",
  resolveCid: (cid) => (cid.startsWith("img") ? PART + encodeURIComponent(cid) : null),
  proxyUrl,
  ...overrides,
});
const clean = (html: string, overrides: Partial<RenderOptions> = {}) =>
  sanitizeMailHtml(html, options(overrides));
/** The content inside the wrapper. */
const inner = (html: string, overrides: Partial<RenderOptions> = {}) =>
  clean(html, overrides).html.replace(/^<div class="lbx-mail"[^>]*>|<\/div>$/g, "");

describe("links", () => {
  it("keeps http, https and mailto links, opened in a new context with the real target shown", () => {
    expect(inner('<a href="https://example.com/a?b=1&amp;c=2">shop</a>')).toBe(
      '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer" title="https://example.com/a?b=1&amp;c=2">shop</a>',
    );
    expect(inner('<a href="mailto:a@example.com">write</a>')).toContain(
      'href="mailto:a@example.com"',
    );
    expect(clean('<a href="http://a.test">1</a><a href="https://b.test">2</a>').links).toBe(2);
  });

  it("shows the real target of a link whose text is another URL, replacing the sender's title", () => {
    const out = inner(
      '<a href="https://evil.test/login" title="https://bank.test">https://bank.test</a>',
    );
    expect(out).toContain('title="https://evil.test/login"');
    expect(out).not.toContain('title="https://bank.test"');
  });

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#x09;script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)",
    " \u0001javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "jar:http://x.test/a.jar!/",
    "file:///etc/passwd",
    "cid:img@x",
    "login",
    "/relative",
    "//protocol-relative.test/x",
    "#anchor",
    "",
  ])("drops the href %j and keeps the text", (href) => {
    const out = clean(`<a href="${href}">text</a>`);
    expect(out.html).toBe('<div class="lbx-mail"><a>text</a></div>');
    expect(out.links).toBe(0);
  });

  it("applies the same rules to <area>", () => {
    expect(
      inner(
        '<map name="m"><area href="javascript:x" alt="a"><area href="https://a.test/" alt="b"></map>',
      ),
    ).toBe(
      '<map name="m"><area alt="a"><area href="https://a.test/" alt="b" target="_blank" rel="noopener noreferrer" title="https://a.test/"></map>',
    );
  });

  it("does not touch named anchors", () => {
    expect(inner('<a name="top">x</a>')).toBe('<a name="top">x</a>');
  });
});

describe("images", () => {
  it("blocks remote images, keeps the element with a placeholder mark and counts hosts", () => {
    const out = clean(
      '<img src="https://img.test/a.png" alt="A" width="600"><img src="//cdn.test/b.png">',
    );
    expect(out.html).toBe(
      '<div class="lbx-mail"><img alt="A" width="600" data-lbx-blocked=""><img data-lbx-blocked=""></div>',
    );
    expect(out.remoteBlocked).toBe(2);
    expect(out.remoteHosts).toEqual(["img.test", "cdn.test"]);
  });

  it("proxies remote images after consent, srcset candidates one by one", () => {
    const out = clean(
      '<img src="http://img.test/a.png" srcset="http://img.test/a.png 1x, https://img.test/b.png 2x">',
      {
        remote: "allow",
      },
    );
    expect(out.html).toBe(
      `<div class="lbx-mail"><img src="${proxyUrl("http://img.test/a.png")}" srcset="${proxyUrl("http://img.test/a.png")} 1x, ${proxyUrl("https://img.test/b.png")} 2x"></div>`,
    );
    expect(out.remoteBlocked).toBe(0);
  });

  it("keeps data: URLs of raster images only", () => {
    expect(inner('<img src="data:image/png;base64,iVBORw0KGgo=">')).toBe(
      '<img src="data:image/png;base64,iVBORw0KGgo=">',
    );
    expect(inner('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe("<img>");
    expect(inner('<img src="data:text/html,<script>alert(1)</script>">')).toBe("<img>");
    // srcset candidates are decided one by one (DOMPurify itself drops a srcset starting data:).
    expect(inner('<img srcset="cid:img1@x 1x, javascript:x 2x, https://a.test/b.png 3x">')).toBe(
      `<img srcset="${PART}img1%40x 1x" data-lbx-blocked="">`,
    );
  });

  it("keeps srcset descriptors only in their valid forms", () => {
    expect(
      inner('<img srcset="cid:img1@x 2x, cid:img2@x 1x (a, javascript:x 3x), cid:img3@x 600w">'),
    ).toBe(`<img srcset="${PART}img1%40x 2x, ${PART}img3%40x 600w">`);
  });

  it("resolves cid: images through resolveCid and reports the missing ones", () => {
    const out = clean('<img src="cid:img1@x"><img src="cid:%3Cimg2@x%3E"><img src="cid:doc@x">');
    expect(out.html).toBe(
      `<div class="lbx-mail"><img src="${PART}img1%40x"><img src="${PART}img2%40x"><img></div>`,
    );
    expect(out.cidMissing).toEqual(["doc@x"]);
  });

  it.each([
    ['<img src="http://t.test/p" width="1" height="1">', 1],
    ['<img src="http://t.test/p" width="0" height="0">', 1],
    ['<img src="http://t.test/p" style="width:1px;height:1px">', 1],
    ['<img src="http://t.test/p" width="1">', 1],
    ['<img src="http://t.test/p" style="display:none">', 1],
    ['<img src="http://t.test/p" style="visibility: hidden">', 1],
    ['<img src="http://t.test/p" hidden>', 1],
    ['<img src="http://t.test/p" width="600" height="1">', 0],
    ['<img src="http://t.test/p">', 0],
    ['<img src="data:image/gif;base64,R0lG" width="1" height="1">', 0],
  ])("counts tracking pixels: %s", (html, count) => {
    expect(clean(html as string).trackingPixels).toBe(count);
    expect(clean(html as string, { remote: "allow" }).trackingPixels).toBe(count);
  });

  it("turns <input type=image> into an image and keeps <picture> sources as image candidates", () => {
    expect(inner('<input type="image" src="http://a.test/x.png" name="go" alt="Go">')).toBe(
      '<img alt="Go" data-lbx-blocked="">',
    );
    expect(
      inner(
        '<picture><source srcset="http://a.test/x.webp" type="image/webp"><img src="cid:img@x"></picture>',
        {
          remote: "allow",
        },
      ),
    ).toBe(
      `<picture><source srcset="${proxyUrl("http://a.test/x.webp")}" type="image/webp"><img src="${PART}img%40x"></picture>`,
    );
  });

  it("never proxies video/audio: sources and posters stay blocked, even after consent", () => {
    const out = clean(
      '<video poster="http://v.test/p.png" src="http://v.test/v.mp4"><source src="http://v.test/s.mp4"><track src="http://v.test/t.vtt"></video><audio src="http://v.test/a.mp3"></audio>',
      { remote: "allow" },
    );
    expect(out.html).toBe(
      '<div class="lbx-mail"><video data-lbx-blocked=""></video><audio data-lbx-blocked=""></audio></div>',
    );
    expect(out.remoteBlocked).toBe(5);
  });
});

describe("document structure", () => {
  it("moves <body> colours and background onto the wrapper, through the CSS filter", () => {
    const out = clean(
      '<body bgcolor="#eeeeee" text="navy" background="http://bg.test/b.png" style="margin:0;position:fixed">x</body>',
    );
    expect(out.html).toBe(
      '<div class="lbx-mail" style="background-color: #eeeeee; color: navy; background-image: none; margin: 0">x</div>',
    );
    expect(out.remoteBlocked).toBe(1);
    expect(inner('<body bgcolor="red;background:url(http://x.test/)">x</body>')).toBe("x");
  });

  it("keeps the body's classes, direction and language on the wrapper", () => {
    const once = clean(
      '<html lang="he" dir="rtl"><body class="dark  x<y" onload="x()"><p>שלום</p></body></html>',
    ).html;
    expect(once).toBe('<div class="lbx-mail dark" dir="rtl" lang="he"><p>שלום</p></div>');
    expect(clean(once).html).toBe(once);
    expect(clean('<body dir="sideways" lang="en us">x</body>').html).toBe(
      '<div class="lbx-mail">x</div>',
    );
  });

  it("keeps the layout mail needs: tables, fonts, centred blocks, classes and <style>", () => {
    const html =
      '<style>.c{color:red}</style><center><table width="600" cellpadding="0" cellspacing="0" border="0" align="center" bgcolor="#fff"><tr><td valign="top" style="padding:10px"><font face="Arial" color="#333" size="2" class="c">Hi</font></td></tr></table></center>';
    expect(inner(html)).toBe(
      '<style>.lbx-mail .c{color: red}</style><center><table width="600" cellpadding="0" cellspacing="0" border="0" align="center" bgcolor="#fff"><tbody><tr><td valign="top" style="padding: 10px"><font face="Arial" color="#333" size="2" class="c">Hi</font></td></tr></tbody></table></center>',
    );
  });

  it("keeps <style> from <head>, even wrapped in HTML comments", () => {
    expect(
      inner("<html><head><style><!-- p{margin:0} --></style></head><body><p>x</p></body></html>"),
    ).toBe("<style>.lbx-mail p{margin: 0}</style><p>x</p>");
  });

  it("removes what submits, navigates or toggles without script", () => {
    const out = inner(
      '<form action="http://x.test/"><input name="a"><select><option>o</option></select><textarea>t</textarea><button formaction="http://x.test/b" type="submit" class="cta">Go</button></form><div popover id="p">p</div><a href="https://a.test/" ping="http://x.test/p" download>d</a><meta http-equiv="refresh" content="0;url=http://x.test"><base href="http://x.test/"><link rel="stylesheet" href="http://x.test/s.css">',
    );
    expect(out).toBe(
      '<form><button class="cta" type="button">Go</button></form><div id="p">p</div><a href="https://a.test/" target="_blank" rel="noopener noreferrer" title="https://a.test/">d</a>',
    );
  });

  it.each([
    // DOMPurify's mXSS and namespace-confusion vectors.
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<math><mi><table><mi><select><style><img src=x onerror=alert(1)></style></select></mi></table></mi></math>",
    '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<template><img src=x onerror=alert(1)></template>",
    '<div id="x"><template shadowrootmode="open"><img src=x onerror=alert(1)></template></div>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<a href="&#x6a;avascript&colon;alert(1)">x</a>',
    '<img src="x" onerror="alert(1)" ONLOAD="alert(2)" oNmOuSeOvEr="alert(3)">',
    '<style>@import "http://x.test/a.css";</style><style>*{background:url(http://x.test/b)}</style>',
    "<!--><img src=x onerror=alert(1)>-->",
  ])("neutralises %s", (html) => {
    const out = clean(html);
    expect(safetyViolations(out.html)).toEqual([]);
    expect(out.html).not.toMatch(/onerror|onload|alert\(1\)<\/script|x\.test|shadowroot/i);
  });

  it("keeps markup inside attribute values as text", () => {
    const out = clean('<img src="x" alt="`<img src=x onerror=alert(1)>`">');
    expect(out.html).toBe(
      '<div class="lbx-mail"><img alt="`&lt;img src=x onerror=alert(1)&gt;`"></div>',
    );
    expect([...inspectOutput(out.html).tags]).toEqual(["div", "img"]);
  });

  it("flattens nesting deeper than the limits instead of spending minutes in the parser", () => {
    for (const [open, close] of [
      ["<div>", "</div>"],
      ["<table><tr><td>", "</td></tr></table>"],
      ["<ul><li>", "</li></ul>"],
      ["<font>", ""],
    ]) {
      const depth = 5000;
      const out = clean(`${open!.repeat(depth)}deep${close!.repeat(depth)}`);
      expect(out.html).toContain("deep");
      const facts = inspectOutput(out.html);
      expect(facts.reparsed).toBe(out.html);
      expect(facts.maxDepth, open).toBeLessThanOrEqual(MAX_DOM_DEPTH);
    }
  });

  it("keeps a table of unclosed cells and rows intact (implied end tags do not count as depth)", () => {
    const cells = "<td>c".repeat(300);
    const out = inner(`<table>${`<tr>${cells}`.repeat(3)}</table>`);
    expect(out.match(/<td>/g)).toHaveLength(900);
    expect(out.match(/<tr>/g)).toHaveLength(3);
  });

  it("cuts the input at the element limit", () => {
    const out = clean("<b>x</b>".repeat(MAX_HTML_ELEMENTS + 10));
    expect(out.truncated).toBe(true);
    expect(out.html.match(/<b>/g)).toHaveLength(MAX_HTML_ELEMENTS);
  });

  it("cuts HTML over the size limit and says so", () => {
    const out = clean(`<p>${"a".repeat(4_100_000)}</p>`);
    expect(out.truncated).toBe(true);
    expect(out.html.length).toBeLessThan(4_100_000);
  });

  it("unwraps its own wrapper instead of nesting it, so the output is stable", () => {
    const once = clean(
      '<body style="margin:0" bgcolor="#fff"><p style="color:red">x</p></body>',
    ).html;
    expect(once).toBe(
      '<div class="lbx-mail" style="background-color: #fff; margin: 0"><p style="color: red">x</p></div>',
    );
    expect(clean(once).html).toBe(once);
    // A message cannot smuggle attributes through a look-alike wrapper.
    expect(clean('<div class="lbx-mail" id="x" onclick="a()">y</div>').html).toBe(
      '<div class="lbx-mail"><div class="lbx-mail" id="x">y</div></div>',
    );
  });

  it("skips jsdom's inline-style parsing only in its own window (purifier.ts)", () => {
    clean('<p style="color:red">x</p>');
    const other = new JSDOM('<p style="color: red">x</p>').window.document.querySelector("p")!;
    expect(other.style.color).toBe("red");
  });

  it("is stable under re-parsing after consent too (proxied and part URLs included)", () => {
    const out = clean(
      '<table background="http://bg.test/t.png"><tr><td style="background:url(cid:img@x)"><img src="http://i.test/a.png" srcset="http://i.test/b.png 2x"></td></tr></table>',
      { remote: "allow" },
    );
    expect(inspectOutput(out.html).reparsed).toBe(out.html);
  });
});
