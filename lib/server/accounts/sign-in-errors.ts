/**
 * The words for a failed sign-in or account check: describeMailError's, plus the host policy's
 * refusal, and, before sign-in, no certificate details of a server inside the network. A
 * stranger at the sign-in form may learn that a public server's certificate is self-signed
 * (and trust it: that is how a small self-hosted server is reached), but not what the machines
 * next to Letterbox present.
 */
import { isMailError } from "../../mail/errors.ts";
import { NetError } from "../../mail/net/net-error.ts";
import { describeMailError, type UserFacingError } from "../mail/describe-error.ts";
import {
  addressKind,
  type HostPolicy,
  isConfiguredHost,
  opensWithPrivateHosts,
} from "./host-policy.ts";

const KIND_WORDS = {
  public: "a public address",
  loopback: "a loopback address",
  private: "a private address",
  shared: "a shared (carrier-grade NAT) address",
  "link-local": "a link-local address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  reserved: "a reserved address",
} as const;

/** The host policy refused the address `error` led to. */
function describeRefusal(error: NetError): UserFacingError {
  const { host, address = "" } = error.details;
  const kind = addressKind(address);
  // A name is not resolved for a stranger: which address an internal name has stays inside.
  const target = `${host} (${KIND_WORDS[kind]})`;
  const next = opensWithPrivateHosts(kind)
    ? "If your mail server is on your own network, the person who runs this Letterbox can allow it with LETTERBOX_ALLOW_PRIVATE_HOSTS=1."
    : "No mail server can be reached there: check the server name under “Server settings”.";
  return {
    code: "ADDRESS_REFUSED",
    message: `Letterbox is not allowed to connect to ${target}. ${next}`,
  };
}

/** Whether a certificate failure's details may go to someone who has not signed in. */
function certificateIsPublic(error: NetError, policy: HostPolicy): boolean {
  if (isConfiguredHost(error.details.host, policy)) return true;
  const { address } = error.details;
  return address !== undefined && addressKind(address) === "public";
}

export interface SignInErrorContext {
  policy: HostPolicy;
  /** True for the sign-in form (anyone); false for a signed-in person adding an account. */
  anonymous: boolean;
}

export function describeSignInError(
  error: unknown,
  service: string,
  { policy, anonymous }: SignInErrorContext,
): UserFacingError {
  if (isMailError(error) && error.code === "ADDRESS_REFUSED" && error instanceof NetError)
    return describeRefusal(error);
  const described = describeMailError(error, service);
  if (
    anonymous &&
    described.certificate &&
    error instanceof NetError &&
    !certificateIsPublic(error, policy)
  ) {
    const { host, port } = error.details;
    if (described.code !== "TLS_FAILURE") return { ...described, certificate: undefined };
    return {
      code: described.code,
      message: `The secure connection to ${host}:${port} failed: the server's certificate is not trusted. The person who runs this Letterbox can have it trusted (NODE_EXTRA_CA_CERTS).`,
    };
  }
  return described;
}
