import type { UserFacingError } from "@/lib/server/mail/describe-error";

/** What the sign-in action sends back to the form when it does not redirect. */
export interface LoginState {
  error?: UserFacingError;
  fieldErrors?: Partial<Record<string, string>>;
  /** What the person typed (never the password), so a failure loses nothing. */
  values?: Record<string, string>;
}
