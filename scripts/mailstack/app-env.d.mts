export function letterboxEnvForStack(dataDir: string): Record<string, string>;
