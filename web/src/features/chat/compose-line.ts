import { chatTextLength, cleanChatText, MAX_CHAT_TEXT_LENGTH, type SendScope } from "@edgehold/protocol";

/** A `chat.send` payload as the page sends it: the scope always named (the room's default is `room`). */
export interface ChatLineToSend {
  text: string;
  scope: SendScope;
}

/** What pressing Enter in the chat input does. */
export type ComposeResult =
  | { send: ChatLineToSend }
  /** An empty line: leave the input (Enter on nothing is "I'm done typing"). */
  | { leave: true }
  /** Not sent: why, as a system line (the draft stays for the player to fix). */
  | { refuse: string };

/** `/p <text>` (`/party`) says a line to your party: the page sends it with scope `party`, the room never sees `/p`. */
const PARTY = /^\/(?:p|party)(?:\s+|$)/i;

/** `/r` and `/reply` answer the last whisper; the page expands them, the room never sees them. */
const REPLY = /^\/(?:r|reply)(?:\s+|$)/i;

/** A player's name as a slash command argument: quoted when it has a space (names may: "Player ab12"). */
export function nameArgument(name: string): string {
  return /\s/.test(name) ? `"${name.replaceAll('"', "")}"` : name;
}

/**
 * The `chat.send` for a draft: `/r <text>` becomes a whisper to `replyTo`; anything else goes as typed (the room
 * parses slash commands). `scope` is the panel's room/nearby toggle.
 */
export function composeLine(draft: string, scope: SendScope, replyTo: string | undefined): ComposeResult {
  let text = cleanChatText(draft);
  if (text.length === 0) return { leave: true };
  const party = PARTY.exec(text);
  if (party) {
    const rest = text.slice(party[0].length);
    if (rest.length === 0) return { refuse: "/p <text>: say what to tell your party" };
    return composeLine(rest, "party", replyTo);
  }
  const reply = REPLY.exec(text);
  if (reply) {
    if (replyTo === undefined) return { refuse: "nobody has whispered to you yet: /w <name> <text>" };
    const rest = text.slice(reply[0].length);
    if (rest.length === 0) return { refuse: "/r <text>: say what to reply" };
    text = `/w ${nameArgument(replyTo)} ${rest}`;
  }
  const length = chatTextLength(text);
  if (length > MAX_CHAT_TEXT_LENGTH) return { refuse: `too long: ${length} characters (at most ${MAX_CHAT_TEXT_LENGTH})` };
  return { send: { text, scope } };
}

/** The draft that starts a whisper to `name` (clicking a whisper line). */
export function whisperDraft(name: string): string {
  return `/w ${nameArgument(name)} `;
}
