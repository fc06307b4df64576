import type * as THREE from "three";
import { ScreenProjector, type ScreenPoint } from "../../render/screen-projector.ts";
import type { WorldView } from "../../render/world-view.ts";
import type { SpeechBubble } from "./chat-state.ts";

/** Bubble anchor height (m): just above the name label (2.05 m), so the bubble sits on top of the name. */
const BUBBLE_HEIGHT = 2.45;
/**
 * Anchors this far outside the view (in NDC, where the screen is -1..1) still draw: a bubble whose speaker is just
 * off-screen pokes in at the edge instead of popping.
 */
const NDC_MARGIN = 0.1;

interface ShownBubble {
  element: HTMLDivElement;
  text: string;
  /** The last transform written (whole pixels): unchanged frames write nothing to the DOM. */
  x: number;
  y: number;
  visible: boolean;
  /** The frame that last saw this bubble live (the others are removed). */
  seen: number;
}

/**
 * Speech bubbles as positioned DOM over the scene: one small element per speaking avatar, moved each frame to the
 * screen point above its head. Text is the browser's (crisp, any script, emoji), and the per-frame cost is one
 * projection and, only when the bubble moved by a pixel, one `transform` write per bubble — compositor work, no
 * layout. A room has a handful of bubbles at a time (each lasts seconds), never one per avatar per frame.
 */
export class SpeechBubbleLayer {
  readonly root: HTMLDivElement;
  private readonly shown = new Map<string, ShownBubble>();
  private readonly projector: ScreenProjector;
  private readonly point: ScreenPoint = { x: 0, y: 0 };
  private frameCount = 0;

  constructor(container: HTMLElement) {
    this.root = document.createElement("div");
    this.root.className = "speech-bubbles";
    this.root.dataset.testid = "speech-bubbles";
    container.appendChild(this.root);
    this.projector = new ScreenProjector(container);
  }

  /** Places every live bubble above its speaker as drawn this frame (a speaker not drawn: its bubble hides). */
  frame(bubbles: Iterable<SpeechBubble>, view: WorldView, camera: THREE.Camera): void {
    const stamp = ++this.frameCount;
    for (const bubble of bubbles) {
      const shown = this.bubbleFor(bubble);
      shown.seen = stamp;
      const avatar = view.avatars.get(bubble.entity);
      let visible = false;
      if (avatar) {
        visible = this.projector.project(avatar.x, avatar.y, BUBBLE_HEIGHT + (avatar.pose?.lift ?? 0), camera, this.point, NDC_MARGIN);
        if (visible) {
          const x = Math.round(this.point.x);
          const y = Math.round(this.point.y);
          if (x !== shown.x || y !== shown.y) {
            shown.x = x;
            shown.y = y;
            shown.element.style.transform = `translate(${x}px, ${y}px) translate(-50%, -100%)`;
          }
        }
      }
      if (visible !== shown.visible) {
        shown.visible = visible;
        shown.element.hidden = !visible;
      }
    }
    for (const [entity, shown] of this.shown) {
      if (shown.seen === stamp) continue;
      shown.element.remove();
      this.shown.delete(entity);
    }
  }

  /** The bubbles on screen now: speaker entity and text (for the debug hook). */
  visible(): { entity: string; text: string }[] {
    return [...this.shown].filter(([, s]) => s.visible).map(([entity, s]) => ({ entity, text: s.text }));
  }

  dispose(): void {
    this.projector.dispose();
    this.root.remove();
    this.shown.clear();
  }

  private bubbleFor(bubble: SpeechBubble): ShownBubble {
    let shown = this.shown.get(bubble.entity);
    if (!shown) {
      const element = document.createElement("div");
      element.hidden = true;
      this.root.appendChild(element);
      shown = { element, text: "", x: NaN, y: NaN, visible: false, seen: 0 };
      this.shown.set(bubble.entity, shown);
    }
    if (shown.text !== bubble.text) {
      shown.text = bubble.text;
      // textContent: a chat line is text, never markup.
      shown.element.textContent = bubble.text;
      shown.element.className = `speech-bubble speech-bubble-${bubble.scope}`;
      shown.element.dataset.entity = bubble.entity;
    }
    return shown;
  }
}
