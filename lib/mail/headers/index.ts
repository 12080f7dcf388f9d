/**
 * Header analysis for the reader's "Show original" view: the header inspector's groups, the
 * route (Received chain), authentication badges, and message ids. Every function takes plain
 * header fields ({ name, raw, value }) so any parser can feed it.
 */
export {
  type AuthenticationResults,
  type AuthResult,
  parseArcAuthenticationResults,
  parseAuthenticationResults,
} from "./authentication-results.ts";
export { fieldsNamed, type HeaderFieldInput, isField } from "./header-field.ts";
export {
  type GroupedHeaderField,
  groupHeaderFields,
  HEADER_GROUP_LABELS,
  HEADER_GROUP_ORDER,
  type HeaderGroup,
  type HeaderGroupId,
  headerGroupOf,
} from "./header-groups.ts";
export { HEADER_ANALYSIS_LIMITS } from "./limits.ts";
export {
  parseReceived,
  type ReceivedBy,
  type ReceivedField,
  type ReceivedFrom,
} from "./received.ts";
export { buildRoute, type MessageRoute, type RouteHop, type RouteOrigin } from "./route.ts";
export { fromDomainAuthenticated } from "./sender-authentication.ts";
export {
  type AuthBadge,
  type BadgeMethod,
  type TrustedAuthentication,
  type TrustedAuthservIds,
  trustedAuthenticationResults,
} from "./trusted-authentication.ts";
