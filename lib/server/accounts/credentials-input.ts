/**
 * What a sign-in form or an "add account" form sends about the credentials, checked the same
 * way in both places.
 */
import { z } from "zod";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  // Passwords are opaque: any character is legal, including quotes, backslashes and braces.
  password: z.string().min(1, "Enter your password").max(1024),
  /** The SHA-256 fingerprint of a certificate the person chose to trust. */
  trustFingerprint: z
    .string()
    .regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/)
    .optional(),
});

export function credentialsFrom(formData: FormData) {
  return credentialsSchema.safeParse({
    email: formData.get("email"),
    password: formData.get("password"),
    trustFingerprint: formData.get("trustFingerprint") || undefined,
  });
}

/** One message per field, for the form to show next to it. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0])] ??= issue.message;
  return out;
}
