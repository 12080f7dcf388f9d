/** The mail stack's users and ports for end-to-end tests (from scripts/mailstack/stack.json). */
import { mailstack, stackUser } from "../../lib/dev/mailstack.ts";

export { mailstack, stackUser };
