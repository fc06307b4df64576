import { CloseCode, decodeServerMessage, encodeClientMessage, Kind, type ClientMessage, type Codec, type ServerMessage } from "@edgehold/protocol";
import { Backoff } from "./backoff.ts";
import { DelayLine } from "./delay-line.ts";
import type { LinkConditions } from "./link-conditions.ts";
import { CONNECT_TIMEOUT_MS } from "./net-config.ts";

/** connecting: first attempt · open: welcomed · reconnecting: lost, retrying · closed: given up or disposed. */
export type ConnectionPhase = "connecting" | "open" | "reconnecting" | "closed";

export interface TransportHandlers {
  onMessage(message: ServerMessage): void;
  onPhase(phase: ConnectionPhase, detail: string | undefined): void;
  onBytes(down: number, up: number): void;
}

export interface TransportOptions {
  /** Builds the socket URL for each attempt (the resume token changes with every welcome). */
  url(): Promise<string>;
  codec: Codec;
  link: LinkConditions;
  createSocket?: (url: string) => WebSocket;
}

/** WebSocket.OPEN, spelled out so this module also runs where no global WebSocket exists (Node 20 tests). */
const SOCKET_OPEN = 1;

/** Close codes after which retrying would be wrong (or would fight another tab), with what to tell the player. */
const FINAL_CLOSES: ReadonlyMap<number, string> = new Map([
  [CloseCode.unauthorized, "not signed in (or the session expired)"],
  [CloseCode.protocolViolation, "the server rejected this client's messages"],
  [CloseCode.roomFull, "the room is full"],
  [CloseCode.kicked, "removed from the room"],
  [CloseCode.sessionReplaced, "this player joined from another tab or window"],
  // Reconnecting would close another of the user's rooms in turn, round and round.
  [CloseCode.tooManyRooms, "this account joined too many rooms at once; this one (the oldest) was closed"],
  [CloseCode.messageTooBig, "a message was too large"],
  // Coming straight back would undo what the operator did.
  [CloseCode.closedByOperator, "the operator closed this room"],
]);

/**
 * One room socket that stays up: the protocol codec and envelope seqs, artificial lag in both directions, and
 * reconnection with backoff after any drop that is not final. Knows nothing about the game beyond `welcome`
 * (which marks a session as established).
 */
export class Transport {
  private socket: WebSocket | undefined;
  private seq = 0;
  private phase: ConnectionPhase = "connecting";
  private disposed = false;
  private everOpened = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private connectTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff = new Backoff();
  private readonly outbound: DelayLine;
  private readonly inbound: DelayLine;

  constructor(
    private readonly options: TransportOptions,
    private readonly handlers: TransportHandlers,
  ) {
    this.outbound = new DelayLine(options.link);
    this.inbound = new DelayLine(options.link);
    void this.connect();
  }

  get connectionPhase(): ConnectionPhase {
    return this.phase;
  }

  get isOpen(): boolean {
    return this.phase === "open";
  }

  /**
   * Sends one envelope built with this connection's next seq; returns that seq, or undefined when no session is
   * open (the caller keeps what matters, e.g. unacknowledged inputs, and re-sends after reconnecting).
   */
  send(build: (seq: number) => ClientMessage): number | undefined {
    const socket = this.socket;
    if (!socket || this.phase !== "open") return undefined;
    const seq = ++this.seq;
    const frame = encodeClientMessage(build(seq), this.options.codec);
    this.outbound.push(() => {
      // A frame delayed past a reconnect belongs to the old connection's seq space: drop it.
      if (socket !== this.socket || socket.readyState !== SOCKET_OPEN) return;
      socket.send(frame);
      this.handlers.onBytes(0, typeof frame === "string" ? frame.length : frame.byteLength);
    });
    return seq;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    this.outbound.clear();
    this.inbound.clear();
    const socket = this.socket;
    this.socket = undefined;
    socket?.close(CloseCode.normal, "left the room");
    this.setPhase("closed", "left the room");
  }

  private async connect(): Promise<void> {
    let url: string;
    try {
      url = await this.options.url();
    } catch (error) {
      this.retry(`could not prepare the connection: ${describe(error)}`);
      return;
    }
    if (this.disposed) return;
    const socket = (this.options.createSocket ?? ((u) => new WebSocket(u)))(url);
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    this.seq = 0;
    this.connectTimer = setTimeout(() => {
      if (socket === this.socket && this.phase !== "open") socket.close(CloseCode.normal, "connect timeout");
    }, CONNECT_TIMEOUT_MS);
    socket.onmessage = (event: MessageEvent<unknown>) => {
      const data: unknown = event.data;
      if (typeof data !== "string" && !(data instanceof ArrayBuffer)) return;
      this.inbound.push(() => this.receive(socket, data));
    };
    socket.onclose = (event: CloseEvent) => this.inbound.push(() => this.closed(socket, event.code, event.reason));
    // An error is always followed by a close event, which does the work.
    socket.onerror = () => undefined;
  }

  private receive(socket: WebSocket, data: string | ArrayBuffer): void {
    if (socket !== this.socket) return;
    this.handlers.onBytes(typeof data === "string" ? data.length : data.byteLength, 0);
    let message: ServerMessage;
    try {
      message = decodeServerMessage(data);
    } catch (error) {
      console.warn("[transport] dropped an undecodable frame:", error);
      return;
    }
    if (message.kind === Kind.welcome) {
      clearTimeout(this.connectTimer);
      this.backoff.reset();
      this.everOpened = true;
      // Deliver welcome before announcing "open", so handlers have the session before anything is sent.
      this.handlers.onMessage(message);
      this.setPhase("open", undefined);
      return;
    }
    this.handlers.onMessage(message);
  }

  private closed(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.socket || this.disposed) return;
    clearTimeout(this.connectTimer);
    this.socket = undefined;
    this.outbound.clear();
    const final = FINAL_CLOSES.get(code);
    if (final !== undefined) {
      this.setPhase("closed", reason ? `${final} (${reason})` : final);
      return;
    }
    this.retry(reason || `connection lost (code ${code})`);
  }

  private retry(why: string): void {
    if (this.disposed) return;
    const delay = this.backoff.next();
    this.setPhase(this.everOpened ? "reconnecting" : "connecting", why);
    this.retryTimer = setTimeout(() => void this.connect(), delay);
  }

  private setPhase(phase: ConnectionPhase, detail: string | undefined): void {
    this.phase = phase;
    this.handlers.onPhase(phase, detail);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
