import { describe, expect, it } from "vitest";
import { ConcurrencyGate, GateFullError } from "./concurrency-gate.ts";

describe("ConcurrencyGate", () => {
  it("lets `slots` holders in at once and the next one in as each leaves, in order", async () => {
    const gate = new ConcurrencyGate(2, 10);
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((release) => {
      order.push("c");
      return release;
    });
    const d = gate.acquire().then((release) => {
      order.push("d");
      return release;
    });
    await Promise.resolve();
    expect(order).toEqual([]);
    expect([gate.active, gate.waiting]).toEqual([2, 2]);
    a();
    const releaseC = await c;
    expect(order).toEqual(["c"]);
    expect([gate.active, gate.waiting]).toEqual([2, 1]);
    b();
    const releaseD = await d;
    expect(order).toEqual(["c", "d"]);
    releaseC();
    releaseD();
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  it("counts a second release of the same holder once", async () => {
    const gate = new ConcurrencyGate(1, 0);
    const release = await gate.acquire();
    release();
    release();
    expect(gate.active).toBe(0);
    const again = await gate.acquire();
    expect(gate.active).toBe(1);
    await expect(gate.acquire()).rejects.toBeInstanceOf(GateFullError);
    again();
  });

  it("refuses at once when the queue is full", async () => {
    const gate = new ConcurrencyGate(1, 1);
    const held = await gate.acquire();
    const queued = gate.acquire();
    await expect(gate.acquire()).rejects.toBeInstanceOf(GateFullError);
    held();
    (await queued)();
    expect(gate.active).toBe(0);
  });

  it("drops a waiter whose signal aborts, and does not hand it a slot later", async () => {
    const gate = new ConcurrencyGate(1, 5);
    const held = await gate.acquire();
    const controller = new AbortController();
    const abandoned = gate.acquire(controller.signal);
    const kept = gate.acquire();
    controller.abort(new Error("reader left"));
    await expect(abandoned).rejects.toThrow("reader left");
    expect(gate.waiting).toBe(1);
    held();
    (await kept)();
    expect([gate.active, gate.waiting]).toEqual([0, 0]);
  });

  it("refuses an already aborted signal without taking a slot", async () => {
    const gate = new ConcurrencyGate(1, 1);
    await expect(gate.acquire(AbortSignal.abort(new Error("gone")))).rejects.toThrow("gone");
    expect(gate.active).toBe(0);
  });
});
