/**
 * Every limit of the remote-image proxy, each with its reason. The URLs come from mail, so the
 * server at the other end is chosen by the sender and may be built to hold us up.
 */
export const IMAGE_PROXY_LIMITS = {
  /** Larger than any image a message shows inline; the whole body is held in memory. */
  maxBytes: 5 * 1024 * 1024,
  /** Silence on the socket (connecting, headers or body) before we give up. */
  idleMs: 8_000,
  /**
   * The whole fetch, every redirect and the body included, from the moment it gets a slot.
   * The idle timer alone never fires against a server that drips one byte every few seconds.
   */
  deadlineMs: 15_000,
  /** Enough for http→https and a CDN hop; a longer chain is not an image host's doing. */
  maxRedirects: 3,
  /**
   * Fetches in flight at once, per server process. At 16, the worst case is 16 sockets and
   * 16 × maxBytes = 80 MiB buffered; a browser opens at most 6 connections per host over
   * HTTP/1.1, so one reader's message still loads at full speed, while a message with
   * hundreds of images (or hundreds of readers) cannot turn the server into a flood of
   * outbound requests or exhaust its memory.
   */
  concurrentFetches: 16,
  /** Fetches that may wait for a slot; past this the proxy answers 503 at once. */
  maxWaiting: 256,
  /** How long a fetch waits for a slot before the proxy answers 503. */
  queueWaitMs: 10_000,
} as const;

export type ImageProxyLimits = { [K in keyof typeof IMAGE_PROXY_LIMITS]: number };
