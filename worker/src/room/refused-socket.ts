/**
 * Completes a WebSocket upgrade only to close it at once with `code` and `reason`: a browser sees the close code and
 * reason, where a plain HTTP error answer to an upgrade surfaces as an opaque connection failure.
 */
export function refusedSocket(code: number, reason: string): Response {
  const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
  server.accept();
  // Close reasons are limited to 123 bytes.
  server.close(code, reason.slice(0, 120));
  return new Response(null, { status: 101, webSocket: client });
}
