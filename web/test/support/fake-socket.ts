/**
 * A stand-in for the browser's WebSocket, driven by the test: `deliver` a server frame, `drop` the connection.
 * Implements only what Transport uses.
 */
export class FakeSocket {
  static readonly OPEN = 1;
  static readonly CLOSED = 3;
  binaryType = "blob";
  readyState = FakeSocket.OPEN;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  readonly sent: (string | Uint8Array)[] = [];
  closedWith: { code: number; reason: string } | undefined;

  constructor(readonly url: string) {}

  send(data: string | Uint8Array): void {
    if (this.readyState !== FakeSocket.OPEN) throw new Error("send on a closed socket");
    this.sent.push(data);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.closedWith = { code, reason };
    this.onclose?.({ code, reason });
  }

  /** A frame from the server (binary frames arrive as ArrayBuffer, as with binaryType "arraybuffer"). */
  deliver(frame: string | Uint8Array): void {
    // Copy into an ArrayBuffer of its own: msgpackr hands out views into a shared buffer (Node's Buffer#slice is a view).
    const data = typeof frame === "string" ? frame : new Uint8Array(frame).buffer;
    this.onmessage?.({ data });
  }

  /** The connection drops (server gone, network lost). */
  drop(code = 1006, reason = ""): void {
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code, reason });
  }

  /** Takes the frames the client sent so far. */
  takeSent(): (string | Uint8Array)[] {
    return this.sent.splice(0, this.sent.length);
  }
}

/** A `createSocket` for RoomClient that makes FakeSockets and records them in `sockets`, newest last. */
export function recordingSocketFactory(sockets: FakeSocket[]): (url: string) => WebSocket {
  return (url) => {
    const socket = new FakeSocket(url);
    sockets.push(socket);
    // A test double for the browser's WebSocket (Transport uses only what FakeSocket implements).
    return socket as unknown as WebSocket;
  };
}
