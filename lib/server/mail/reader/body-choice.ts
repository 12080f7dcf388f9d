/**
 * Which parts of a message the reader fetches, decided from BODYSTRUCTURE alone (so a 25 MB
 * attachment is never downloaded to show the text next to it). The rules are the MIME
 * parser's display rules, which work on the structure tree: one implementation, in
 * lib/mail/mime/views/body.ts (and delivery-status.ts for the bounce report).
 */
export {
  availableFormats,
  type BodyChoice,
  type BodyFormat as Format,
  chooseBody,
  relatedRoot,
} from "../../../mail/mime/views/body.ts";
export { findDeliveryStatus } from "../../../mail/mime/views/delivery-status.ts";
