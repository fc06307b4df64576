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
 * Which movement keys are held. Typing in a form field is not movement; losing focus releases every key (a key
 * released while another window had focus never sends keyup).
 */
export class KeyboardInput {
  private readonly held = new Set<string>();

  constructor(private readonly target: Window = window) {
    target.addEventListener("keydown", this.onKeyDown);
    target.addEventListener("keyup", this.onKeyUp);
    target.addEventListener("blur", this.releaseAll);
    target.document.addEventListener("visibilitychange", this.releaseAll);
  }

  /** The held keys as sim input bits. */
  bits(): number {
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

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}
