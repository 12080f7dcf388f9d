export function seedMailbox(options?: {
  user?: string;
  mailbox?: string;
  count?: number;
  from?: string;
  replace?: boolean;
}): Promise<unknown>;
