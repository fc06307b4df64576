import type * as THREE from "three";
import { ScreenProjector, type ScreenPoint } from "../../render/screen-projector.ts";

/** A damage number rises this far (m) while it fades: clear of the HP bar, gone before the next volley's. */
const RISE_METRES = 0.8;
/** ...over this long (ms): long enough to read a number, short enough not to pile up under rapid fire. */
const NUMBER_MS = 900;
/** Numbers on screen at most: a big fight's older ones give way (each is a DOM element moved every frame). */
const MAX_NUMBERS = 40;
/** The hit marker flashes this long (ms): a blink that confirms the hit without hiding the target. */
const HIT_MARKER_MS = 180;

interface FloatingNumber {
  element: HTMLElement;
  x: number;
  y: number;
  height: number;
  bornAt: number;
}

/**
 * The DOM layer over the scene for what must be crisp text or follow the pointer: floating damage numbers (placed
 * each frame at their world point, projected through the camera) and the hit marker at the reticle.
 */
export class CombatOverlay {
  readonly element = document.createElement("div");
  private readonly marker = document.createElement("div");
  private readonly numbers: FloatingNumber[] = [];
  private readonly projector: ScreenProjector;
  private readonly point: ScreenPoint = { x: 0, y: 0 };
  private markerUntil = -Infinity;

  constructor(container: HTMLElement) {
    this.element.className = "combat-overlay";
    this.marker.className = "hit-marker";
    this.marker.dataset.testid = "hit-marker";
    this.marker.hidden = true;
    this.element.appendChild(this.marker);
    container.appendChild(this.element);
    this.projector = new ScreenProjector(container);
  }

  /** A damage number over ground point (x, y) at `height` m; `own`: dealt by this player (drawn brighter). */
  addNumber(now: number, damage: number, x: number, y: number, height: number, crit: boolean, own: boolean): void {
    const element = document.createElement("span");
    element.className = `damage-number${crit ? " crit" : ""}${own ? " own" : ""}`;
    element.textContent = crit ? `${damage}!` : String(damage);
    this.element.appendChild(element);
    this.numbers.push({ element, x, y, height, bornAt: now });
    if (this.numbers.length > MAX_NUMBERS) this.numbers.shift()!.element.remove();
  }

  /** Flashes the hit marker (an own projectile hit); a crit's is larger. */
  hitMarker(now: number, crit: boolean): void {
    this.markerUntil = now + HIT_MARKER_MS;
    this.marker.classList.toggle("crit", crit);
  }

  /** Places everything for this frame: numbers through `camera`, the marker at the pointer (CSS px in the container). */
  frame(now: number, camera: THREE.Camera, pointer: { x: number; y: number } | undefined): void {
    for (let i = this.numbers.length - 1; i >= 0; i--) {
      const n = this.numbers[i]!;
      const age = (now - n.bornAt) / NUMBER_MS;
      if (age >= 1) {
        n.element.remove();
        this.numbers.splice(i, 1);
        continue;
      }
      this.projector.project(n.x, n.y, n.height + RISE_METRES * age, camera, this.point);
      n.element.style.transform = `translate(${this.point.x}px, ${this.point.y}px) translate(-50%, -50%)`;
      n.element.style.opacity = String(1 - age * age);
    }
    const showMarker = now < this.markerUntil && pointer !== undefined;
    this.marker.hidden = !showMarker;
    if (showMarker) this.marker.style.transform = `translate(${pointer.x}px, ${pointer.y}px) translate(-50%, -50%)`;
  }

  /** Damage numbers on screen now. */
  get numberCount(): number {
    return this.numbers.length;
  }

  dispose(): void {
    this.projector.dispose();
    this.element.remove();
  }
}
