import { isPlainObject } from "../../guards.ts";
import { MAX_CHAT_TEXT_LENGTH, SEND_SCOPES, type ChatSendPayload, type SendScope } from "./chat-types.ts";

/** Line breaks and tabs become spaces (so words stay apart); every other control character goes. */
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/**
 * C0/C1 controls, and the bidi embedding/override/isolate characters that can make a line display as something
 * else than it says ("Trojan source"). Other format characters stay: the zero-width joiner builds emoji sequences.
 */
const STRIPPED = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;
/** A lone surrogate cannot be encoded as UTF-8 (a JSON frame can carry one): dropped rather than mangled. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A chat line as the room keeps it: controls stripped, whitespace runs at the ends trimmed. */
export function cleanChatText(raw: string): string {
  return raw.replace(LONE_SURROGATE, "").replace(WHITESPACE_CONTROLS, " ").replace(STRIPPED, "").trim();
}

/** Characters as a reader counts them (code points: an emoji is one, not two UTF-16 units). */
export function chatTextLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function isSendScope(value: unknown): value is SendScope {
  return typeof value === "string" && (SEND_SCOPES as readonly string[]).includes(value);
}

/** `chat.send`: `{ text, scope? }` → the cleaned line and its scope (`room` by default); other keys dropped. */
export function parseChatSend(payload: unknown): ChatSendPayload | string {
  if (!isPlainObject(payload)) return "payload must be an object: { text, scope? }";
  if (typeof payload.text !== "string") return "payload.text must be a string";
  const scope = payload.scope ?? "room";
  if (!isSendScope(scope)) return `payload.scope must be one of ${SEND_SCOPES.join(", ")} (whisper with /w, emote with /me)`;
  const text = cleanChatText(payload.text);
  const length = chatTextLength(text);
  if (length === 0) return "payload.text is empty (after removing control characters and trimming)";
  if (length > MAX_CHAT_TEXT_LENGTH) return `payload.text must be at most ${MAX_CHAT_TEXT_LENGTH} characters (it has ${length})`;
  return { text, scope };
}
