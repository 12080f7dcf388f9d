import { describe, expect, it } from "vitest";
import { MailError } from "../../mail/errors.ts";
import { addressRefused } from "../../mail/net/address-check.ts";
import { NetError } from "../../mail/net/net-error.ts";
import { hostPolicy } from "./host-policy.ts";
import { describeSignInError } from "./sign-in-errors.ts";

const policy = hostPolicy({ LETTERBOX_IMAP_HOST: "mail.operator.example" });
const anonymous = { policy, anonymous: true };
const signedIn = { policy, anonymous: false };

const certificate = {
  fingerprint256: "AB:CD",
  subject: "CN=internal.corp",
  issuer: "CN=Corp CA",
  validFrom: "",
  validTo: "",
  selfSigned: false,
};

function untrusted(host: string, address: string): NetError {
  return new NetError("TLS_FAILURE", "untrusted", {
    host,
    port: 993,
    address,
    reason: "SELF_SIGNED_CERT_IN_CHAIN",
    certificate,
  });
}

describe("sign-in errors", () => {
  it("names a refused private address and the variable that opens it", () => {
    const error = describeSignInError(
      addressRefused("10.0.0.5", 993, "10.0.0.5"),
      "IMAP server",
      anonymous,
    );
    expect(error).toEqual({
      code: "ADDRESS_REFUSED",
      message:
        "Letterbox is not allowed to connect to 10.0.0.5 (a private address). If your mail server is on your own network, the person who runs this Letterbox can allow it with LETTERBOX_ALLOW_PRIVATE_HOSTS=1.",
    });
  });

  it("does not tell a stranger which address an internal name has", () => {
    const error = describeSignInError(
      addressRefused("db.internal", 143, "10.9.8.7"),
      "IMAP server",
      anonymous,
    );
    expect(error.message).toContain("db.internal (a private address)");
    expect(error.message).not.toContain("10.9.8.7");
  });

  it("does not suggest the variable for addresses it does not open", () => {
    const error = describeSignInError(
      addressRefused("169.254.169.254", 80, "169.254.169.254"),
      "IMAP server",
      anonymous,
    );
    expect(error.message).toContain("(a link-local address)");
    expect(error.message).not.toContain("LETTERBOX_ALLOW_PRIVATE_HOSTS");
  });

  it("shows a public server's untrusted certificate, so that it can be trusted", () => {
    const error = describeSignInError(
      untrusted("mail.example.org", "93.184.216.34"),
      "IMAP server",
      anonymous,
    );
    expect(error.certificate).toEqual(certificate);
  });

  it("keeps a private server's certificate from a stranger, not from a signed-in person", () => {
    const before = describeSignInError(untrusted("10.0.0.5", "10.0.0.5"), "IMAP server", anonymous);
    expect(before.code).toBe("TLS_FAILURE");
    expect(before.certificate).toBeUndefined();
    expect(before.message).not.toContain("internal.corp");
    expect(before.message).not.toContain("SELF_SIGNED");
    const after = describeSignInError(untrusted("10.0.0.5", "10.0.0.5"), "IMAP server", signedIn);
    expect(after.certificate).toEqual(certificate);
  });

  it("shows the certificate of the operator's own server wherever it is", () => {
    const error = describeSignInError(
      untrusted("mail.operator.example", "10.0.0.5"),
      "IMAP server",
      anonymous,
    );
    expect(error.certificate).toEqual(certificate);
  });

  it("leaves every other failure to describeMailError", () => {
    const error = describeSignInError(new MailError("AUTH_FAILED", "no"), "IMAP server", anonymous);
    expect(error.code).toBe("AUTH_FAILED");
    expect(error.message).toContain("did not accept this user name and password");
  });
});
