/** The DO's socket event handlers (the same ones the hibernation API would call). */
export interface SocketHandlers {
  webSocketMessage(socket: WebSocket, data: string | ArrayBuffer): void;
  webSocketClose(socket: WebSocket, code: number, reason: string, wasClean: boolean): void;
  webSocketError(socket: WebSocket, error: unknown): void;
}

/**
 * Accepts a room socket with the standard WebSocket API (`accept()` and event listeners), not the hibernation API
 * (`ctx.acceptWebSocket`).
 *
 * Why: under workerd a hibernatable socket that the server closes before its client has sent any frame (a socket
 * replaced by a newer one, 4005; refused for a full room, 4003; idle, 4009) gets its close frame, answers it, and
 * then its TCP connection stays open until the runtime collects the socket object: a Node `ws` client waited 2–30 s
 * for `close` (measured with worker/e2e/close-handshake.e2e.test.ts). With `accept()` every server-initiated close
 * completes in milliseconds. Hibernation bought nothing here anyway: while any player is connected the room's
 * 30 Hz loop keeps the object awake, and the loop stops (so the object can be evicted) only when the last socket
 * has gone.
 */
export function acceptLiveSocket(socket: WebSocket, handlers: SocketHandlers): void {
  // Binary frames as ArrayBuffer (newer compatibility dates default to Blob), as the frame parser expects.
  socket.binaryType = "arraybuffer";
  socket.accept();
  let closed = false;
  socket.addEventListener("message", (event) => handlers.webSocketMessage(socket, event.data as string | ArrayBuffer));
  socket.addEventListener("close", (event) => {
    closed = true;
    handlers.webSocketClose(socket, event.code, event.reason, event.wasClean);
  });
  // After a completed close the runtime may still report the torn-down connection ("Network connection lost"):
  // that is the end of a socket already handled, not an error worth a log line per disconnect.
  socket.addEventListener("error", (event) => {
    if (!closed) handlers.webSocketError(socket, (event as ErrorEvent).error);
  });
}
