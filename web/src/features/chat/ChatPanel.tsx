import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { MAX_CHAT_TEXT_LENGTH, chatTextLength, type SendScope } from "@edgehold/protocol";
import type { EmoteName } from "@edgehold/protocol";
import { isTyping } from "../../input/keyboard.ts";
import { lineLabel, SCOPE_COLORS, type ChatLine } from "./chat-lines.ts";
import type { ChatState } from "./chat-state.ts";
import { whisperDraft } from "./compose-line.ts";
import { EmoteWheel } from "./EmoteWheel.tsx";
import { FollowNewest } from "./follow-newest.ts";
import { MutedIndicator } from "./MutedIndicator.tsx";

/** The scope button's cycle: room → nearby → party → room. */
const nextScope = (scope: SendScope): SendScope => (scope === "room" ? "nearby" : scope === "nearby" ? "party" : "room");

/** The counter shows once a draft is this close to the limit: it matters only for long lines. */
const COUNTER_FROM = MAX_CHAT_TEXT_LENGTH - 40;

/** What the panel shows and drives (ChatController). */
export interface ChatPanelModel {
  readonly state: ChatState;
  /** Sends the draft: `sent` (clear it), `leave` (an empty line: blur), `kept` (refused here or offline). */
  send(draft: string, scope: SendScope): "sent" | "leave" | "kept";
  emote(name: EmoteName): void;
}

/**
 * The chat panel: the room's lines (history first), an input (Enter to type, Enter to send, Esc to leave, Tab or
 * the button toggles room/nearby), whisper reply (click a whisper, or `/r`), the muted indicator and the emotes.
 * While the input has focus the game's keys do nothing (keyboard.ts ignores keys typed into a field).
 */
export function ChatPanel({ chat }: { chat: ChatPanelModel }) {
  const view = useSyncExternalStore(chat.state.subscribe, chat.state.getSnapshot);
  const [draft, setDraft] = useState("");
  const [scope, setScope] = useState<SendScope>("room");
  const [typing, setTyping] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);

  // Enter (or /) anywhere in the game starts typing.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.key !== "Enter" && event.key !== "/") return;
      event.preventDefault();
      if (event.key === "/") setDraft((d) => (d === "" ? "/" : d));
      input.current?.focus();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  // Newest line in view, unless the player scrolled up to read (then the "new messages" pill): follow-newest.ts.
  // Runs when the lines change (history put in above too: a pinned view stays at the bottom, so `view.lines`, not
  // just the newest key) and when typing resizes the panel; only a new newest line raises the pill.
  const follow = useRef(new FollowNewest());
  const [unseen, setUnseen] = useState(false);
  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    if (follow.current.onLinesChanged(view.lines.at(-1)?.key)) element.scrollTop = element.scrollHeight;
    setUnseen(follow.current.unseen);
  }, [view.lines, typing]);
  const onScroll = () => {
    if (!list.current) return;
    follow.current.onScroll(list.current);
    setUnseen(follow.current.unseen);
  };
  const jumpToNewest = () => {
    follow.current.jumpToNewest();
    setUnseen(false);
    if (list.current) list.current.scrollTop = list.current.scrollHeight;
  };

  const onInputKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      input.current?.blur();
    } else if (event.key === "Tab") {
      event.preventDefault();
      setScope(nextScope);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const result = chat.send(draft, scope);
      if (result === "sent") {
        setDraft("");
        // The answer to your own line (a /who, a refusal) is what you look for next.
        jumpToNewest();
      }
      if (result !== "kept") input.current?.blur();
    }
  };

  const replyTo = useCallback((name: string) => {
    setDraft(whisperDraft(name));
    input.current?.focus();
  }, []);

  const length = chatTextLength(draft);
  return (
    <div className={`chat-panel${typing ? " chat-typing" : ""}`} data-testid="chat-panel">
      <ol className="chat-lines" ref={list} data-testid="chat-lines" aria-live="polite" onScroll={onScroll}>
        {view.lines.map((line) => (
          <ChatLineItem key={line.key} line={line} onReply={replyTo} />
        ))}
      </ol>
      {unseen && (
        <button type="button" className="chat-new-pill" data-testid="chat-new-messages" onClick={jumpToNewest}>
          new messages ↓
        </button>
      )}
      <div className="chat-bar">
        <button
          type="button"
          className={`chat-scope chat-scope-${scope}`}
          data-testid="chat-scope"
          title="Who hears you: the whole room, players within 20 m, or your party (Tab while typing; /p <text> for one party line)"
          style={{ color: SCOPE_COLORS[scope] }}
          onClick={() => setScope(nextScope)}
        >
          {scope}
        </button>
        <input
          ref={input}
          className="chat-input"
          data-testid="chat-input"
          value={draft}
          maxLength={MAX_CHAT_TEXT_LENGTH * 2}
          placeholder={typing ? "say something, /help for commands" : "press Enter to chat"}
          aria-label="chat message"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onInputKey}
          onFocus={() => setTyping(true)}
          onBlur={() => setTyping(false)}
        />
        {length >= COUNTER_FROM && (
          <span className={`chat-counter${length > MAX_CHAT_TEXT_LENGTH ? " error" : ""}`}>{MAX_CHAT_TEXT_LENGTH - length}</span>
        )}
        <EmoteWheel onEmote={(name) => chat.emote(name)} />
      </div>
      {view.mute && <MutedIndicator reason={view.mute.reason} mutedSecondsLeft={() => chat.state.mutedSecondsLeft()} />}
    </div>
  );
}

/**
 * One line. Memoised: lines never change once made, so a new line (up to ~30 a second in a busy room) renders one
 * item, not the 200 of the scrollback.
 */
const ChatLineItem = memo(function ChatLineItem({ line, onReply }: { line: ChatLine; onReply: (name: string) => void }) {
  const label = lineLabel(line);
  const whisperWith = line.whisper?.with;
  return (
    <li
      className={`chat-line chat-line-${line.kind}${line.error ? " chat-line-error" : ""}${line.history ? " chat-line-history" : ""}`}
      data-testid="chat-line"
      data-kind={line.kind}
      style={{ color: SCOPE_COLORS[line.kind] }}
      {...(whisperWith !== undefined ? { onClick: () => onReply(whisperWith), title: `reply to ${whisperWith}`, role: "button" } : {})}
    >
      {label && <span className="chat-name">{label} </span>}
      <span className="chat-text">{lineHeading(line)}</span>
      {line.who && (
        <ul className="chat-who" data-testid="chat-who">
          {line.who.map((p) => (
            <li key={p.playerId} data-testid="chat-who-player">
              {p.name}
              {p.owner && <span className="chat-tag"> owner</span>}
              {p.muted && <span className="chat-tag"> muted</span>}
            </li>
          ))}
        </ul>
      )}
      {line.commands && (
        <ul className="chat-help" data-testid="chat-help">
          {line.commands.map((c) => (
            <li key={c.name}>
              <code>{c.usage}</code> <span className="muted">{c.help}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
});

/**
 * The text shown for a line: `/help` and `/who` answers carry their content both as text (for clients without the
 * lists) and as a list; the panel shows the list under a heading, so each answer reads once.
 */
function lineHeading(line: ChatLine): string {
  if (line.commands) return `${line.commands.length} commands you may run:`;
  if (line.who) return `${line.who.length} ${line.who.length === 1 ? "player" : "players"} here:`;
  return line.text;
}
