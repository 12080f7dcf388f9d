/**
 * POP3 accounts, shown like IMAP ones: a local store (Prisma rows for summaries, flags and
 * folders; message bytes under <data dir>/pop3/<accountId>/<id>.eml) and a sync engine that
 * fills it from the server (UIDL + LIST, TOP for new mail, RETR once when a message is opened,
 * DELE + QUIT by policy). See README.md beside this file.
 */
export { type Pop3OptionsResolver, setPop3OptionsResolver } from "./account-connect.ts";
export {
  DEFAULT_POP3_POLICY,
  getPop3Policy,
  getPop3Status,
  type Pop3Policy,
  type Pop3Status,
  setPop3Policy,
} from "./account-state.ts";
export { checkPop3, type Pop3CheckReason, type Pop3CheckResult } from "./check.ts";
export { describePop3Problem, type Pop3ProblemContext } from "./describe-problem.ts";
export { BUILTIN_FOLDERS, POP3_SCHEDULE, POP3_STORE_LIMITS } from "./limits.ts";
export {
  createLocalFolder,
  deleteLocalFolder,
  pop3Folders,
  renameLocalFolder,
} from "./local-folders.ts";
export { addLocalPop3Message } from "./local-messages.ts";
export {
  deletePop3Messages,
  movePop3Messages,
  type Pop3DeleteResult,
  type Pop3Flag,
  setPop3Flags,
} from "./message-actions.ts";
export { pop3MessageBytes } from "./message-bytes.ts";
export { listPop3Page, pop3MessageSummary } from "./message-list.ts";
export {
  onPop3Change,
  type Pop3ChangeEvent,
  type Pop3ChangeKind,
  type Pop3ChangeListener,
} from "./pop3-events.ts";
export { Pop3StoreError, type Pop3StoreProblem } from "./pop3-store-error.ts";
export { purgePop3Data } from "./purge.ts";
export {
  nextPop3Check,
  requestPop3Check,
  schedulePop3Checks,
  startPop3Scheduler,
  stopPop3Scheduler,
} from "./scheduler.ts";
