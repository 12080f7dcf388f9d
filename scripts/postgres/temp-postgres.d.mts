export const PORT: number;
export const url: string;
export function start(): string;
export function stop(): void;
