export { default } from "../[account]/[mailbox]/page";
