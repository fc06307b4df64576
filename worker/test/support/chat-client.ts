import { vi } from "vitest";
import { Kind, PROTOCOL_VERSION, type ChatMessagePayload, type ChatSystemPayload, type ErrorPayload, type ServerMessage } from "@edgehold/protocol";
import { maskProfanity } from "../../src/features/chat/profanity-filter.ts";
import { connect, type TestClient } from "./test-client.ts";

/**
 * Chat helpers. They search everything a client received (not TestClient's consuming cursor), so waiting for an
 * ack does not swallow the line that arrived before it; `since` (an index into `received`) skips older messages.
 */

/** Sends one chat.send; returns its seq. */
export function say(client: TestClient, text: string, scope?: "room" | "nearby"): number {
  const seq = client.nextSeq();
  client.send({ v: PROTOCOL_VERSION, kind: Kind.command, seq, feature: "chat", action: "send", payload: scope ? { text, scope } : { text } });
  return seq;
}

const isChat = (m: ServerMessage, action: string) => m.kind === Kind.event && m.feature === "chat" && m.action === action;

/** The first message from `since` that matches, polled until `timeoutMs`. */
export async function seen(client: TestClient, match: (m: ServerMessage) => boolean, what: string, since = 0, timeoutMs = 3000): Promise<ServerMessage> {
  return vi.waitFor(
    () => {
      const found = client.received.slice(since).find(match);
      if (found) return found;
      if (client.closeEvent) throw new Error(`closed (${client.closeEvent.code} ${client.closeEvent.reason}) before ${what}`);
      throw new Error(`no ${what} yet`);
    },
    { timeout: timeoutMs, interval: 10 },
  );
}

/** Chat lines received from `since`. */
export function linesOf(client: TestClient, since = 0): ChatMessagePayload[] {
  return client.received
    .slice(since)
    .filter((m) => isChat(m, "message"))
    .map((m) => m.payload as ChatMessagePayload);
}

export async function line(client: TestClient, match: (line: ChatMessagePayload) => boolean, since = 0, timeoutMs = 3000): Promise<ChatMessagePayload> {
  const m = await seen(client, (m) => isChat(m, "message") && match(m.payload as ChatMessagePayload), "chat line", since, timeoutMs);
  return m.payload as ChatMessagePayload;
}

export async function system(client: TestClient, match: (s: ChatSystemPayload) => boolean = () => true, since = 0, timeoutMs = 3000): Promise<ChatSystemPayload> {
  const m = await seen(client, (m) => isChat(m, "system") && match(m.payload as ChatSystemPayload), "chat system line", since, timeoutMs);
  return m.payload as ChatSystemPayload;
}

/** The next `emote` event from `since`. */
export async function emote(client: TestClient, since = 0): Promise<unknown> {
  return ((await seen(client, (m) => isChat(m, "emote"), "emote", since)) as { payload: unknown }).payload;
}

/** Every `emote` event from `since`. */
export function emotesOf(client: TestClient, since = 0): unknown[] {
  return client.received.slice(since).filter((m) => isChat(m, "emote")).map((m) => (m as { payload: unknown }).payload);
}

export async function history(client: TestClient): Promise<ChatMessagePayload[]> {
  const m = await seen(client, (m) => isChat(m, "history"), "chat history");
  return (m.payload as { messages: ChatMessagePayload[] }).messages;
}

async function answer(client: TestClient, seq: number): Promise<ServerMessage> {
  return seen(client, (m) => (m.kind === Kind.ack || m.kind === Kind.error) && m.seq === seq, `answer to seq ${seq}`);
}

/** Waits for the ack of `seq`; throws with the error the room answered instead. */
export async function acked(client: TestClient, seq: number): Promise<void> {
  const m = await answer(client, seq);
  if (m.kind === Kind.error) throw new Error(`refused: ${m.payload.code} ${m.payload.message}`);
}

/** The error answering `seq` (throws on an ack). */
export async function refused(client: TestClient, seq: number): Promise<ErrorPayload> {
  const m = await answer(client, seq);
  if (m.kind !== Kind.error) throw new Error(`seq ${seq} was acked, not refused`);
  return m.payload;
}

/** Says `text` and waits for its ack. */
export async function sayAcked(client: TestClient, text: string, scope?: "room" | "nearby"): Promise<void> {
  await acked(client, say(client, text, scope));
}

/** Says `text` and returns the error it got. */
export async function sayRefused(client: TestClient, text: string): Promise<ErrorPayload> {
  return refused(client, say(client, text));
}

/**
 * A unique marker text the profanity filter leaves as it is. About 1 in 100 random UUIDs reads as a word through
 * leetspeak ("a55" is "ass"), comes back masked, and would never be found by its text.
 */
function markerText(): string {
  for (;;) {
    const text = `marker ${crypto.randomUUID()}`;
    if (maskProfanity(text) === text) return text;
  }
}

/**
 * The chat lines `client` received from `since` up to a marker line `markerFrom` says now (the marker excluded):
 * whether an earlier line reached `client` is settled by then (a socket delivers in order, the marker came later).
 */
export async function linesUntilMarker(client: TestClient, since: number, markerFrom: TestClient, text = markerText()): Promise<ChatMessagePayload[]> {
  await sayAcked(markerFrom, text);
  await line(client, (l) => l.text === text, since);
  const lines = linesOf(client, since);
  return lines.slice(0, lines.findIndex((l) => l.text === text));
}

/** A player in `room` whose welcome and chat history arrived. */
export async function chatter(room: string, playerId: string, name = playerId) {
  const { client, welcome } = await connect(room, { playerId, name });
  const messages = await history(client);
  return { client, welcome, history: messages, entityId: welcome.payload.entityId };
}
