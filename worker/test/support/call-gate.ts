/** Where a held call waits: before it is made, or after, with its answer, before the caller sees it. */
export type HoldPoint = "call" | "answer";

/** How long a held call waits at most: a test that forgot to let it go fails instead of hanging. */
const HOLD_LIMIT_MS = 10_000;

/** How often a held call looks whether it may go on (a timer in the room, as any wait there is). */
const POLL_MS = 5;

/**
 * The RPCs a room makes to the players' accounts and parties (ACCOUNTS, PARTIES), passed through a gate its test can
 * close on one method. The calls, the objects and their answers are all real; only when a held one goes on is the
 * test's. So a race between two chains of calls (a leave's and a rejoin's, a join's and a party change's) is played
 * in the order that loses, every time, rather than once in a thousand runs.
 */
export class CallGate {
  private readonly holds = new Map<string, HoldPoint>();
  private readonly waiting = new Map<string, number>();
  private inFlight = 0;

  /** From now on, calls of `method` wait at `point` until `release(method)`. */
  hold(method: string, point: HoldPoint): void {
    this.holds.set(method, point);
  }

  release(method: string): void {
    this.holds.delete(method);
  }

  /** How many calls of `method` wait at the gate now. */
  waitingAt(method: string): number {
    return this.waiting.get(method) ?? 0;
  }

  /** Whether every call through the gate has been answered, but those it holds (nothing else is under way). */
  onlyHeldInFlight(): boolean {
    let held = 0;
    for (const count of this.waiting.values()) held += count;
    return this.inFlight === held;
  }

  /** `env` with its ACCOUNTS and PARTIES namespaces behind the gate. */
  wrap(env: Env): Env {
    return { ...env, ACCOUNTS: this.namespace(env.ACCOUNTS), PARTIES: this.namespace(env.PARTIES) } as Env;
  }

  private namespace<T extends Rpc.DurableObjectBranded | undefined>(namespace: DurableObjectNamespace<T>): DurableObjectNamespace<T> {
    return new Proxy(namespace, {
      get: (target, property) => {
        if (property === "get") return (id: DurableObjectId, options?: DurableObjectNamespaceGetDurableObjectOptions) => this.stub(target.get(id, options));
        const value: unknown = Reflect.get(target, property);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  private stub<S extends object>(stub: S): S {
    return new Proxy(stub, {
      get: (target, property) => {
        // Not a thenable: the stub itself is never awaited.
        if (typeof property !== "string" || property === "then") return Reflect.get(target, property);
        return (...args: unknown[]) => this.through(property, () => (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[property]!(...args));
      },
    });
  }

  private async through<T>(method: string, call: () => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      if (this.holds.get(method) === "call") await this.wait(method);
      const answer = await call();
      if (this.holds.get(method) === "answer") await this.wait(method);
      return answer;
    } finally {
      this.inFlight--;
    }
  }

  private async wait(method: string): Promise<void> {
    this.waiting.set(method, this.waitingAt(method) + 1);
    try {
      const deadline = Date.now() + HOLD_LIMIT_MS;
      while (this.holds.has(method)) {
        if (Date.now() > deadline) throw new Error(`${method} held past ${HOLD_LIMIT_MS} ms: the test never released it`);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } finally {
      this.waiting.set(method, this.waitingAt(method) - 1);
    }
  }
}
