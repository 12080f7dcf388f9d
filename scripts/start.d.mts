/** Builds with `next build` when the build is missing or older than the sources. */
export function buildIfStale(): void;
