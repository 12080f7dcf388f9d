/**
 * Turns a failure of the mail core into words for people: what went wrong, in terms of what
 * they typed or what the server said, and what to do next. The server's own reply is kept
 * (with its code) because it is often the most useful line for whoever runs the server.
 */
import { isMailError, type MailError } from "../../mail/errors.ts";
import { NetError, type PeerCertificateInfo } from "../../mail/net/net-error.ts";

export interface UserFacingError {
  /** The stable code of the failure, for tests and support. */
  code: string;
  message: string;
  /** The server's own words, when it said something. */
  serverSaid?: string;
  /** Set when the person may choose to trust this certificate (self-signed or unknown CA). */
  certificate?: PeerCertificateInfo;
}

interface ServerReply {
  serverText?: string;
  text?: string;
  replyCode?: number;
  enhancedStatus?: string;
}

function serverWords(error: MailError): string | undefined {
  const reply = error as MailError & ServerReply;
  const text = reply.serverText ?? reply.text;
  if (!text) return undefined;
  const code = [reply.replyCode, reply.enhancedStatus].filter(Boolean).join(" ");
  return code ? `${code} ${text}` : text;
}

function where(error: MailError): string {
  if (error instanceof NetError) return `${error.details.host}:${error.details.port}`;
  return "the server";
}

export function describeMailError(error: unknown, service = "mail server"): UserFacingError {
  if (!isMailError(error)) {
    return {
      code: "INTERNAL",
      message: `Something went wrong on the Letterbox server while talking to the ${service}. Please try again.`,
    };
  }
  const serverSaid = serverWords(error);
  switch (error.code) {
    case "AUTH_FAILED":
      return {
        code: error.code,
        message: `The ${service} did not accept this user name and password. Check them and try again.`,
        serverSaid,
      };
    case "CONNECTION_REFUSED":
      return {
        code: error.code,
        message: `Letterbox could not reach the ${service} at ${where(error)}. Check the server name and port under “Server settings”, or try again later.`,
      };
    case "DNS_FAILURE":
      return {
        code: error.code,
        message: `The server name ${error instanceof NetError ? error.details.host : ""} could not be found. Check the server name under “Server settings”.`,
      };
    case "TLS_FAILURE": {
      const certificate = error instanceof NetError ? error.details.certificate : undefined;
      const reason = error instanceof NetError ? (error.details.reason ?? "") : "";
      return {
        code: error.code,
        message: `The secure connection to ${where(error)} failed: the server's certificate is not trusted (${reason}). If you run this server and know its certificate, you can choose to trust it.`,
        certificate,
      };
    }
    case "TLS_CERT_MISMATCH":
      return {
        code: error.code,
        message: `The ${service} at ${where(error)} presented a different certificate than the one you trusted before. This can mean someone is intercepting the connection. Letterbox did not send your password.`,
        certificate: error instanceof NetError ? error.details.certificate : undefined,
      };
    case "STARTTLS_FAILED":
    case "PLAINTEXT_REFUSED":
      return {
        code: error.code,
        message: `The ${service} at ${where(error)} could not set up encryption, so Letterbox did not send your password. Try “TLS” or another port under “Server settings”.`,
        serverSaid,
      };
    case "TIMEOUT":
      return {
        code: error.code,
        message: `The ${service} at ${where(error)} did not answer in time. Try again later.`,
      };
    case "CLOSED":
      return {
        code: error.code,
        message: `The ${service} closed the connection unexpectedly. Try again; if it keeps happening, the server may be overloaded or the port may be wrong.`,
        serverSaid,
      };
    case "POP3_IN_USE":
      return {
        code: error.code,
        message: `Another program is reading this mailbox right now (the ${service} said it is in use). Letterbox will try again shortly.`,
        serverSaid,
      };
    case "POP3_LOGIN_DELAY":
      return {
        code: error.code,
        message: `The ${service} allows a check only every few minutes. Letterbox will check again as soon as it may.`,
        serverSaid,
      };
    case "POP3_TEMPORARY":
      return {
        code: error.code,
        message: `The ${service} has a temporary problem. Letterbox will try again later.`,
        serverSaid,
      };
    case "ADDRESS_REFUSED":
      // After sign-in: the account's server name now leads inside the network (DNS changed).
      return {
        code: error.code,
        message: `The ${service} name ${error instanceof NetError ? error.details.host : ""} now leads to an address Letterbox may not connect to, so it did not. If the server moved, add the account again with its new name in Settings › Accounts, or ask the person who runs this Letterbox.`,
      };
    case "INVALID_INPUT":
    case "HEADER_INJECTION":
    case "INVALID_ADDRESS":
      // Refused by Letterbox itself before anything was sent: its own sentence says why.
      return { code: error.code, message: error.message };
    default:
      return {
        code: error.code,
        message: serverSaid
          ? `The ${service} refused: ${serverSaid}`
          : `The ${service} reported a problem: ${error.message}`,
        serverSaid,
      };
  }
}
