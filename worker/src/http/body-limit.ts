import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Every API body is a small JSON document (a character is well under 1 KiB); 4 KiB leaves room and no more. */
export const API_BODY_LIMIT_BYTES = 4 * 1024;

function tooLarge(c: Context, maxBytes: number): Response {
  return c.json({ error: "body_too_large", message: `request bodies are limited to ${maxBytes / 1024} KiB` }, 413);
}

/**
 * hono's `bodyLimit`, made to hold whatever Content-Length says and to answer promptly:
 * - A declared length over the limit is refused before the app reads a byte.
 * - Otherwise the declared length is not trusted: the header is dropped so `bodyLimit` counts the bytes that
 *   actually arrive (as it does for chunked bodies) and stops at the limit.
 * - Either way the rest of a refused body is disposed of. Under `wrangler dev` a response only goes out once the
 *   request body has been read or cancelled, so a 413 that leaves it alone may never arrive.
 */
export function apiBodyLimit(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = Number(c.req.header("content-length"));
    let discardRest: () => Promise<void> = () => drainThenCancel(body.getReader());
    if (!(declared > maxBytes)) {
      // bodyLimit takes its own reader on the stream it is given, so it gets a relay and this keeps the source.
      const source = body.getReader();
      discardRest = () => drainThenCancel(source);
      const headers = new Headers(c.req.raw.headers);
      headers.delete("content-length");
      c.req.raw = new Request(c.req.raw, { headers, body: relay(source) });
    }
    return bodyLimit({
      maxSize: maxBytes,
      onError: async (c) => {
        await discardRest().catch(() => {});
        return tooLarge(c, maxBytes);
      },
    })(c, next);
  };
}

/**
 * A stream that reads `source` only when its own reader asks (high-water mark 0). A relay that read ahead would
 * leave a read pending on `source` when bodyLimit stops, and the drain of the rest would then fail at once
 * (workerd allows one pending read per stream), leaving the body unread.
 */
function relay(source: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await source.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel: (reason) => source.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/**
 * The rest of a refused body (declared or chunked) is read and dropped up to this size, cancelled past it. Both
 * answer promptly, but dropping is what a client still uploading can rely on: a cancel resets the connection
 * while the client is writing, and a client such as Node's then sees ECONNRESET instead of the 413; under
 * wrangler dev a cancel also makes its proxy answer the next request 503 "worker restarted mid-request".
 * A quarter MiB costs the worker nothing worth counting.
 */
const DRAIN_LIMIT_BYTES = 256 * 1024;

/**
 * ...and for at most this long. A client that declares 50 MiB, sends 100 bytes and then holds the connection would
 * otherwise keep the drain (and so its 413) waiting for as long as it likes. A client really uploading sends a
 * quarter MiB well within a second; one that has not by then is stalling, so the rest is cancelled and the 413 goes.
 */
export const DRAIN_TIME_LIMIT_MS = 1000;

async function drainThenCancel(source: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  let timer!: ReturnType<typeof setTimeout>; // set by the executor, which runs at once
  const outOfTime = new Promise<"out_of_time">((resolve) => (timer = setTimeout(resolve, DRAIN_TIME_LIMIT_MS, "out_of_time")));
  try {
    let drained = 0;
    while (drained <= DRAIN_LIMIT_BYTES) {
      const next = await Promise.race([source.read(), outOfTime]);
      if (next === "out_of_time") break;
      if (next.done) return;
      drained += next.value.byteLength;
    }
    // A read still pending (the stalled case) is settled by the cancel.
    await source.cancel();
  } finally {
    clearTimeout(timer);
  }
}
