import * as THREE from "three";
import { isTyping } from "../../input/keyboard.ts";
import { listen } from "../../input/listen.ts";
import { pickGroundPoint, toNdc } from "../../render/ground-picking.ts";
import { aimVector } from "./aim.ts";

/** What the trigger reads of its session. */
export interface TriggerParts {
  canvas: HTMLElement;
  /** The element the hit marker is placed in (pointer positions are CSS px within it). */
  container: HTMLElement;
  camera(): THREE.Camera;
  /** True while another feature has the mouse (build mode): no aiming, no firing. */
  mouseTakenByOther(): boolean;
  /** A click that will fire with the next step (the controller times how soon its shot is drawn). */
  pulled(): void;
}

/**
 * Aiming with the mouse and pulling the trigger: a red ground reticle under the pointer, the left button fires (a
 * quick tap still fires with the next step; held, it fires again whenever the weapon allows). Add `reticle` to the
 * scene, call `frame()` once per frame and `take()` once per fixed step.
 */
export class Trigger {
  readonly reticle: THREE.Mesh;
  /** The ground point under the pointer this frame (undefined: off the ground, or the mouse is another feature's). */
  point: { x: number; y: number } | undefined;
  /** The pointer in CSS px within the container (undefined: not over the canvas). */
  pointerPx: { x: number; y: number } | undefined;
  private pointerNdc: { x: number; y: number } | undefined;
  private held = false;
  /** A click since the last step: fires with the next step even if the button is already up (a quick tap). */
  private latched = false;
  private lastAim = { x: 0, y: 1 };
  private readonly unlisten: (() => void)[];

  constructor(private readonly parts: TriggerParts) {
    this.reticle = new THREE.Mesh(
      new THREE.RingGeometry(0.22, 0.3, 24).rotateX(-Math.PI / 2),
      new THREE.MeshBasicMaterial({ color: 0xff6b6b, transparent: true, opacity: 0.9, depthWrite: false }),
    );
    this.reticle.visible = false;
    this.reticle.renderOrder = 5;
    this.unlisten = [
      listen(parts.canvas, { pointermove: this.onPointerMove, pointerleave: this.onPointerLeave, pointerdown: this.onPointerDown }),
      // Released anywhere, or with the window: the button is up.
      listen(window, { pointerup: this.onPointerUp, blur: this.release }),
    ];
  }

  /** Once per frame: the reticle under the pointer, seen through this frame's camera. */
  frame(): void {
    const camera = this.parts.camera();
    this.point = this.pointerNdc && !this.parts.mouseTakenByOther() ? pickGroundPoint(this.pointerNdc.x, this.pointerNdc.y, camera) : undefined;
    this.reticle.visible = this.point !== undefined;
    if (this.point) this.reticle.position.set(this.point.x, 0.03, -this.point.y);
  }

  /**
   * The aim of the next fixed step when it fires (the button held or clicked since the last step, the mouse not
   * another feature's, and `canFire`), else undefined. The aim runs from `from` (the own body's latest predicted
   * step: where the sim spawns the projectile) to the reticle.
   */
  take(canFire: boolean, from: { x: number; y: number }): { x: number; y: number } | undefined {
    const wants = this.held || this.latched;
    this.latched = false;
    if (!wants || this.parts.mouseTakenByOther() || !canFire) return undefined;
    if (this.point) this.lastAim = aimVector(from, this.point, this.lastAim);
    return this.lastAim;
  }

  dispose(): void {
    for (const unlisten of this.unlisten) unlisten();
    this.reticle.geometry.dispose();
    (this.reticle.material as THREE.Material).dispose();
  }

  private readonly onPointerMove = (event: PointerEvent): void => {
    this.setPointer(event);
  };

  private readonly onPointerLeave = (): void => {
    this.pointerNdc = undefined;
    this.pointerPx = undefined;
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    this.setPointer(event);
    if (event.button !== 0 || this.parts.mouseTakenByOther() || isTyping(document.activeElement)) return;
    this.held = true;
    this.latched = true;
    this.parts.pulled();
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (event.button === 0) this.held = false;
  };

  private readonly release = (): void => {
    this.held = false;
  };

  private setPointer(event: PointerEvent): void {
    this.pointerNdc = toNdc(event.clientX, event.clientY, this.parts.canvas);
    const rect = this.parts.container.getBoundingClientRect();
    this.pointerPx = { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }
}
