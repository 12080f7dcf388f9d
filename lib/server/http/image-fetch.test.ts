import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { AddressInfo, LookupFunction } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { selfSignedCertificate } from "../../mail/testing/scripted-server.ts";
import { ConcurrencyGate } from "./concurrency-gate.ts";
import { RefusedAddressError } from "./guarded-connection.ts";
import {
  fetchRemoteImage,
  ImageFetchError,
  type ImageFetchOptions,
  imageFetchFailureResponse,
} from "./image-fetch.ts";
import { isPublicAddress } from "./public-address.ts";

// image-fetch is marked server-only (the package throws outside React Server Components).
vi.mock("server-only", () => ({}));

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

/** An HTTP server that records what reached it; `routes` answers by path. */
function recordingServer(routes: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen = { connections: 0, requests: [] as http.IncomingMessage[] };
  const server = http.createServer((req, res) => {
    seen.requests.push(req);
    routes(req, res);
  });
  server.on("connection", () => seen.connections++);
  return { server, seen, port: 0 };
}

// The service a hostile message would like to reach: on 127.0.0.1, never to be fetched.
const internal = recordingServer((_req, res) => res.end(PNG));

// Stands in for a public image host: on 127.0.0.2, reached as images.example through an
// injected resolver, and allowed by an injected policy that admits 127.0.0.2 and nothing else
// that is not public. The production default (public addresses only) is tested against
// `internal` without any injection.
const images = recordingServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://images.example");
  const timers: NodeJS.Timeout[] = [];
  res.on("close", () => timers.forEach(clearInterval));
  switch (url.pathname) {
    case "/png":
      return res.end(PNG);
    case "/redirect":
      res.writeHead(302, { location: url.searchParams.get("to") ?? "/" });
      return res.end();
    case "/loop":
      res.writeHead(302, { location: "/loop" });
      return res.end();
    case "/drip": {
      // One byte well inside every idle timer, forever.
      res.writeHead(200, { "content-type": "image/png" });
      res.write(PNG);
      timers.push(setInterval(() => res.write("x"), 100));
      return;
    }
    case "/stall":
      res.writeHead(200, { "content-type": "image/png" });
      res.flushHeaders();
      return;
    case "/declared-big":
      res.writeHead(200, { "content-type": "image/png", "content-length": 50 * 1024 * 1024 });
      res.write(PNG);
      return;
    case "/chunked-big": {
      res.writeHead(200, { "content-type": "image/png" });
      res.write(PNG);
      const chunk = Buffer.alloc(64 * 1024);
      timers.push(setInterval(() => res.write(chunk), 1));
      return;
    }
    case "/html":
      return res.end("<!doctype html><p>hello</p>");
    default:
      res.writeHead(404);
      return res.end();
  }
});

const resolveImagesHost: LookupFunction = (hostname, options, callback) => {
  if (hostname === "images.example") return callback(null, [{ address: "127.0.0.2", family: 4 }]);
  dns.lookup(hostname, { ...options, all: true }, callback);
};

const AS_IF_PUBLIC: ImageFetchOptions = {
  lookup: resolveImagesHost,
  isAllowedAddress: (address) => address === "127.0.0.2" || isPublicAddress(address),
};

let closedPort = 0;

beforeAll(async () => {
  for (const [entry, host] of [
    [internal, "127.0.0.1"],
    [images, "127.0.0.2"],
  ] as const) {
    await new Promise<void>((resolve) => entry.server.listen(0, host, resolve));
    entry.port = (entry.server.address() as AddressInfo).port;
  }
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.2", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  for (const { server } of [internal, images]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function failure(promise: Promise<unknown>): Promise<ImageFetchError> {
  const error = await promise.then(
    () => new Error("the image was fetched"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageFetchError);
  return error as ImageFetchError;
}

const imagesUrl = (path: string) => `http://images.example:${images.port}${path}`;

describe("fetchRemoteImage, with the production address policy", () => {
  // Every spelling of the internal server's address a message could carry.
  const literals = () => [
    `http://127.0.0.1:${internal.port}/`,
    `http://[::ffff:127.0.0.1]:${internal.port}/`,
    `http://[::ffff:7f00:1]:${internal.port}/`,
    `http://[0:0:0:0:0:ffff:7f00:1]:${internal.port}/`,
    `http://[::127.0.0.1]:${internal.port}/`,
    `http://2130706433:${internal.port}/`,
    `http://0x7f000001:${internal.port}/`,
    `http://0x7f.1:${internal.port}/`,
    `http://0177.0.0.1:${internal.port}/`,
    `http://127.1:${internal.port}/`,
    `http://0:${internal.port}/`,
    `https://127.0.0.1:${internal.port}/`,
  ];

  it("refuses IP literals of a loopback server in every form, without connecting", async () => {
    for (const url of literals()) {
      const error = await failure(fetchRemoteImage(url));
      expect([error.failure, error.status], url).toEqual(["unreachable", 502]);
      expect(error.cause, url).toBeInstanceOf(RefusedAddressError);
      expect((error.cause as RefusedAddressError).stage, url).toBe("literal");
    }
    expect(internal.seen.connections).toBe(0);
  });

  it("refuses a name that resolves to loopback", async () => {
    const error = await failure(fetchRemoteImage(`http://localhost:${internal.port}/`));
    expect(error.failure).toBe("unreachable");
    expect((error.cause as RefusedAddressError).stage).toBe("lookup");
    expect(internal.seen.connections).toBe(0);
  });

  it("refuses what is not a web address", async () => {
    for (const url of ["file:///etc/passwd", "gopher://127.0.0.1/", "not a url"]) {
      expect((await failure(fetchRemoteImage(url))).status, url).toBe(400);
    }
  });
});

describe("fetchRemoteImage, with a stand-in public host", () => {
  it("fetches an image (so the refusals below are not the harness failing)", async () => {
    const image = await fetchRemoteImage(imagesUrl("/png"), AS_IF_PUBLIC);
    expect(image.type).toBe("image/png");
    expect(image.bytes).toEqual(PNG);
  });

  it("follows a redirect to an allowed host", async () => {
    const to = encodeURIComponent(imagesUrl("/png"));
    const image = await fetchRemoteImage(imagesUrl(`/redirect?to=${to}`), AS_IF_PUBLIC);
    expect(image.type).toBe("image/png");
  });

  it("refuses a redirect from the allowed host to an internal address, in any spelling", async () => {
    const targets = [
      `http://127.0.0.1:${internal.port}/`,
      `http://[::ffff:7f00:1]:${internal.port}/`,
      `http://2130706433:${internal.port}/`,
      `http://0x7f.1:${internal.port}/`,
      `http://localhost:${internal.port}/`,
      "http://169.254.169.254/latest/meta-data/",
      "http://[::ffff:a9fe:a9fe]/latest/meta-data/",
      "http://10.0.0.5:6379/",
    ];
    for (const target of targets) {
      const before = images.seen.requests.length;
      const url = imagesUrl(`/redirect?to=${encodeURIComponent(target)}`);
      const error = await failure(fetchRemoteImage(url, AS_IF_PUBLIC));
      expect(error.failure, target).toBe("unreachable");
      expect(error.cause, target).toBeInstanceOf(RefusedAddressError);
      // The first hop did happen: the refusal is the redirect's.
      expect(images.seen.requests.length, target).toBe(before + 1);
    }
    expect(internal.seen.connections).toBe(0);
  });

  it("verifies the certificate of an https host", async () => {
    // Self-signed, so no CA vouches for it: the handshake fails and no request is made.
    const served: string[] = [];
    const server = https.createServer(selfSignedCertificate("images.example"), (req, res) => {
      served.push(req.url ?? "");
      res.end(PNG);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.2", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const error = await failure(
        fetchRemoteImage(`https://images.example:${port}/png`, AS_IF_PUBLIC),
      );
      expect(error.failure).toBe("unreachable");
      expect((error.cause as { code?: string }).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
      expect(served).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("sends no credentials from the URL", async () => {
    const url = `http://user:secret@images.example:${images.port}/png`;
    await fetchRemoteImage(url, AS_IF_PUBLIC);
    expect(images.seen.requests.at(-1)!.headers.authorization).toBeUndefined();
  });

  it("stops at an overall deadline a server dripping bytes cannot extend", async () => {
    const start = Date.now();
    const error = await failure(
      fetchRemoteImage(imagesUrl("/drip"), {
        ...AS_IF_PUBLIC,
        limits: { deadlineMs: 800, idleMs: 5000 },
      }),
    );
    expect([error.failure, error.status]).toEqual(["too-slow", 504]);
    expect(Date.now() - start).toBeGreaterThanOrEqual(700);
    expect(Date.now() - start).toBeLessThan(3000);
  });

  it("stops a silent server at the idle timer", async () => {
    const start = Date.now();
    const error = await failure(
      fetchRemoteImage(imagesUrl("/stall"), {
        ...AS_IF_PUBLIC,
        limits: { idleMs: 300, deadlineMs: 10_000 },
      }),
    );
    expect([error.failure, error.status]).toEqual(["too-slow", 504]);
    expect(Date.now() - start).toBeLessThan(3000);
  });

  it("refuses a declared length over the cap before reading the body", async () => {
    const start = Date.now();
    const error = await failure(
      fetchRemoteImage(imagesUrl("/declared-big"), {
        ...AS_IF_PUBLIC,
        limits: { idleMs: 5000, deadlineMs: 5000 },
      }),
    );
    expect(error.failure).toBe("too-large");
    // The server never sends the 50 MiB it announced: only the header can have refused it.
    expect(Date.now() - start).toBeLessThan(1000);
  });

  it("refuses an undeclared body once it passes the cap", async () => {
    const error = await failure(
      fetchRemoteImage(imagesUrl("/chunked-big"), {
        ...AS_IF_PUBLIC,
        limits: { maxBytes: 1024 * 1024 },
      }),
    );
    expect(error.failure).toBe("too-large");
  });

  it("refuses what is not an image, an error status and a redirect loop", async () => {
    expect((await failure(fetchRemoteImage(imagesUrl("/html"), AS_IF_PUBLIC))).failure).toBe(
      "not-image",
    );
    expect((await failure(fetchRemoteImage(imagesUrl("/missing"), AS_IF_PUBLIC))).failure).toBe(
      "bad-answer",
    );
    const before = images.seen.requests.length;
    expect((await failure(fetchRemoteImage(imagesUrl("/loop"), AS_IF_PUBLIC))).failure).toBe(
      "too-many-redirects",
    );
    expect(images.seen.requests.length - before).toBe(4);
  });

  it("answers busy when every slot is taken and nobody may wait", async () => {
    const gate = new ConcurrencyGate(1, 0);
    const reader = new AbortController();
    const held = fetchRemoteImage(imagesUrl("/stall"), {
      ...AS_IF_PUBLIC,
      gate,
      signal: reader.signal,
    });
    await vi.waitFor(() => expect(gate.active).toBe(1));
    const error = await failure(fetchRemoteImage(imagesUrl("/png"), { ...AS_IF_PUBLIC, gate }));
    expect([error.failure, error.status]).toEqual(["busy", 503]);
    reader.abort(new Error("reader left"));
    await failure(held);
    expect(gate.active).toBe(0);
  });

  it("answers busy when a slot does not free up in time", async () => {
    const gate = new ConcurrencyGate(1, 4);
    const release = await gate.acquire();
    const start = Date.now();
    const error = await failure(
      fetchRemoteImage(imagesUrl("/png"), { ...AS_IF_PUBLIC, gate, limits: { queueWaitMs: 200 } }),
    );
    expect(error.failure).toBe("busy");
    expect(Date.now() - start).toBeGreaterThanOrEqual(150);
    expect(gate.waiting).toBe(0);
    release();
  });
});

describe("imageFetchFailureResponse", () => {
  it("tells the reader a fixed sentence and logs the network detail", async () => {
    const url = `http://images.example:${closedPort}/`;
    const error = await failure(fetchRemoteImage(url, AS_IF_PUBLIC));
    const logged: string[] = [];
    const response = imageFetchFailureResponse(error, url, (line) => logged.push(line));
    const body = await response.text();
    expect(response.status).toBe(502);
    expect(body).toBe("The image could not be fetched.");
    expect(logged.join("\n")).toContain("ECONNREFUSED");
    expect(logged.join("\n")).toContain(String(closedPort));
  });

  it("never passes an error's own text to the reader", async () => {
    const logged: string[] = [];
    const response = imageFetchFailureResponse(
      new Error("connect ECONNREFUSED 10.0.0.5:6379"),
      "http://10.0.0.5:6379/",
      (line) => logged.push(line),
    );
    const body = await response.text();
    expect(body).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|6379/);
    expect(response.status).toBe(502);
    expect(logged.join("\n")).toContain("connect ECONNREFUSED 10.0.0.5:6379");
  });
});
