import { InputBit } from "@edgehold/sim-core";

/** WASD and the arrow keys, by physical key (KeyboardEvent.code) so AZERTY and Dvorak players get the same shape. */
const KEY_BITS: ReadonlyMap<string, number> = new Map([
  ["KeyW", InputBit.up],
  ["ArrowUp", InputBit.up],
  ["KeyS", InputBit.down],
  ["ArrowDown", InputBit.down],
  ["KeyA", InputBit.left],
  ["ArrowLeft", InputBit.left],
  ["KeyD", InputBit.right],
  ["ArrowRight", InputBit.right],
]);

/**
 * Which movement keys are held. Typing in a form field (the chat input) is not movement: keys typed there are not
 * taken, and while a field has focus no key moves the player, not even one held down before it took focus. Losing
 * focus releases every key (a key released while another window had focus never sends keyup).
 */
export class KeyboardInput {
  private readonly held = new Set<string>();

  constructor(private readonly target: Window = window) {
    target.addEventListener("keydown", this.onKeyDown);
    target.addEventListener("keyup", this.onKeyUp);
    target.addEventListener("blur", this.releaseAll);
    target.document.addEventListener("visibilitychange", this.releaseAll);
  }

  /** The held keys as sim input bits (none while the player is typing). */
  bits(): number {
    if (isTyping(this.target.document.activeElement)) return 0;
    let bits = 0;
    for (const code of this.held) bits |= KEY_BITS.get(code) ?? 0;
    return bits;
  }

  dispose(): void {
    this.target.removeEventListener("keydown", this.onKeyDown);
    this.target.removeEventListener("keyup", this.onKeyUp);
    this.target.removeEventListener("blur", this.releaseAll);
    this.target.document.removeEventListener("visibilitychange", this.releaseAll);
    this.held.clear();
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (!KEY_BITS.has(event.code) || isTyping(event.target)) return;
    // Arrow keys would otherwise scroll the page.
    event.preventDefault();
    this.held.add(event.code);
  };

  private readonly onKeyUp = (event: KeyboardEvent): void => {
    this.held.delete(event.code);
  };

  private readonly releaseAll = (): void => {
    this.held.clear();
  };
}

const FIELD_TAGS: ReadonlySet<string> = new Set(["INPUT", "TEXTAREA", "SELECT"]);

/** True when `target` is a field that takes typing (checked by shape, so it works for any window's elements). */
export function isTyping(target: EventTarget | null | undefined): boolean {
  const element = target as { tagName?: unknown; isContentEditable?: unknown } | null | undefined;
  if (!element || typeof element.tagName !== "string") return false;
  return element.isContentEditable === true || FIELD_TAGS.has(element.tagName.toUpperCase());
}
