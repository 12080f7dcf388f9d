export type { Credentials, SaslMechanism } from "./mechanisms.js";
export {
  chooseMechanism,
  loginMechanism,
  plainMechanism,
  xoauth2Mechanism,
} from "./mechanisms.js";
