import { useEffect, useState } from "react";
import { EMOTES, type EmoteName } from "@edgehold/protocol";
import { isTyping } from "../../input/keyboard.ts";

/** The key that opens the emote wheel (G for gesture: not a movement, build or chat key). */
const EMOTE_WHEEL_KEY = "KeyG";

/** The wheel is an ellipse (px): wider than tall, since its labels are words. */
const WHEEL_RX = 105;
const WHEEL_RY = 68;

/** Where the i-th emote sits on the wheel, clockwise from the top. */
function wheelSpot(i: number): string {
  const angle = (i / EMOTES.length) * Math.PI * 2;
  return `translate(${Math.round(Math.sin(angle) * WHEEL_RX)}px, ${Math.round(-Math.cos(angle) * WHEEL_RY)}px)`;
}

/**
 * The emotes: G (or the button) opens a small wheel of them, 1–8 or a click plays one for everyone (`/emote
 * <name>`), Esc or G closes it. Keys typed into the chat do nothing here.
 */
export function EmoteWheel({ onEmote }: { onEmote: (name: EmoteName) => void }) {
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.repeat || event.ctrlKey || event.altKey || event.metaKey) return;
      if (event.code === EMOTE_WHEEL_KEY) {
        setOpen((o) => !o);
        event.preventDefault();
        return;
      }
      if (!open) return;
      if (event.code === "Escape") {
        setOpen(false);
        return;
      }
      const digit = /^Digit([1-8])$/.exec(event.code);
      const emote = digit && EMOTES[Number(digit[1]) - 1];
      if (!emote) return;
      // Capture phase, and stopped here: with the wheel open a digit picks an emote, not a build kind.
      event.preventDefault();
      event.stopImmediatePropagation();
      setOpen(false);
      onEmote(emote);
    };
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, [open, onEmote]);

  return (
    <div className="emote-wheel-anchor">
      <button type="button" className="chat-emote-button" data-testid="emote-button" title="Emotes (G)" onClick={() => setOpen((o) => !o)}>
        ☺
      </button>
      {open && (
        <ol className="emote-wheel" data-testid="emote-wheel">
          {EMOTES.map((name, i) => (
            <li key={name} style={{ transform: wheelSpot(i) }}>
              <button
                type="button"
                data-testid={`emote-${name}`}
                onClick={() => {
                  setOpen(false);
                  onEmote(name);
                }}
              >
                <kbd>{i + 1}</kbd> {name}
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
