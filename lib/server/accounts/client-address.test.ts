import { describe, expect, it } from "vitest";
import { clientAddress, UNKNOWN_CLIENT } from "./client-address.ts";

function request(forwardedFor?: string) {
  return new Headers(forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor });
}

const direct = {};
const behindProxy = { LETTERBOX_TRUST_PROXY: "1" };

describe("client address", () => {
  it("takes the peer address next start writes when the request brought none", () => {
    expect(clientAddress(request("203.0.113.7"), direct)).toBe("203.0.113.7");
    expect(clientAddress(request("::ffff:127.0.0.1"), direct)).toBe("127.0.0.1");
    expect(clientAddress(request("2001:DB8::1"), direct)).toBe("2001:db8::1");
  });

  it("without a trusted proxy, a list or garbage counts under one shared key", () => {
    expect(clientAddress(request("1.2.3.4, 203.0.113.7"), direct)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request("me"), direct)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request(), direct)).toBe(UNKNOWN_CLIENT);
  });

  it("behind a trusted proxy, takes the address the proxy appended, not the client's", () => {
    expect(clientAddress(request("1.2.3.4, 203.0.113.7"), behindProxy)).toBe("203.0.113.7");
    expect(clientAddress(request("forged, 198.51.100.2 "), behindProxy)).toBe("198.51.100.2");
    expect(clientAddress(request("198.51.100.2, forged"), behindProxy)).toBe(UNKNOWN_CLIENT);
    expect(clientAddress(request(), behindProxy)).toBe(UNKNOWN_CLIENT);
  });
});
