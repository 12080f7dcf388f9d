export {
  type SaslLine,
  type SaslLineLimits,
  type SaslStep,
  saslLineExchange,
} from "./line-exchange.ts";
export type { Credentials, SaslMechanism } from "./mechanisms.ts";
export {
  chooseMechanism,
  loginMechanism,
  plainMechanism,
  xoauth2Mechanism,
} from "./mechanisms.ts";
