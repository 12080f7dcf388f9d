/**
 * What an identity may hold: a display name and an address that go into From (one line, no
 * control character, a valid address), and a signature that goes into the body (lines, but no
 * other control character).
 */
import { checkAddrSpec } from "../../mail/mime/build/index.ts";

export function identityProblem(form: {
  displayName: string;
  email: string;
  signature: string;
}): string | null {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(form.displayName)) {
    return "The name contains a line break or control character. A name is one line.";
  }
  if (/[\u0000-\u001f\u007f-\u009f]/.test(form.email)) {
    return "The address contains a line break or control character.";
  }
  const checked = checkAddrSpec(form.email.trim());
  if (!checked.ok) return `“${form.email.trim()}” is not a valid address (${checked.reason}).`;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(form.signature)) {
    return "The signature contains a control character.";
  }
  return null;
}
