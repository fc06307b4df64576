import { isPlainObject } from "../../guards.ts";
import { capCombiningMarks, codePointLength, stripInvisible } from "../../text/unicode-text.ts";
import { MAX_CHAT_TEXT_LENGTH, SEND_SCOPES, type ChatSendPayload, type SendScope } from "./chat-types.ts";

/** Line breaks and tabs become spaces (so words stay apart). */
const WHITESPACE_CONTROLS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/** C0/C1 controls go (invisible characters, bidi controls among them, go in stripInvisible). */
const CONTROLS = /\p{Cc}/gu;
/** A lone surrogate cannot be encoded as UTF-8 (a JSON frame can carry one): dropped rather than mangled. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A chat line as the room keeps it, and as the profanity filter then reads it: controls and invisible characters
 * stripped (a zero-width space or a bidi override cannot split a word or disguise a line; the joiners of an emoji
 * stay), NFKC-normalised (full-width and styled letters are plain letters), no letter carrying more than two stacked
 * combining marks (they cannot climb out of a speech bubble), trimmed. Stripping comes before NFKC, so an invisible
 * character cannot keep a letter and its accent apart. Cleaning a clean line changes nothing.
 */
export function cleanChatText(raw: string): string {
  const visible = stripInvisible(raw.replace(LONE_SURROGATE, "").replace(WHITESPACE_CONTROLS, " ").replace(CONTROLS, ""));
  return capCombiningMarks(visible.normalize("NFKC")).trim();
}

/** Characters as a reader counts them (code points: an emoji is one, not two UTF-16 units). */
export const chatTextLength = codePointLength;

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
