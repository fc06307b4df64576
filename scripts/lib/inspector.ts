import WebSocket from "ws";

/** A minimal Chrome DevTools Protocol client for the worker's inspector. */
export class Inspector {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(`inspector: ${message.error.message}`));
      else waiting?.resolve(message.result);
    });
    // The worker went away (wrangler dev stopped or crashed): nothing will answer what is pending.
    socket.on("close", () => {
      for (const { reject } of this.pending.values()) reject(new Error("inspector: the worker's inspector closed"));
      this.pending.clear();
    });
  }

  static async connect(port: number): Promise<Inspector> {
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
    if (targets.length === 0) throw new Error(`no inspector target on port ${port}`);
    const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", reject);
    });
    return new Inspector(socket);
  }

  call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = ++this.nextId;
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`inspector: ${method} on a closed inspector`));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  close(): void {
    this.socket.close();
  }
}
