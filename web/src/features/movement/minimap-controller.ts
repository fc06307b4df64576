import type { movementFeature } from "@edgehold/protocol";
import { createElement, type ReactNode } from "react";
import type { FeatureController, FeatureSession } from "../feature-session.ts";
import { Minimap } from "./Minimap.tsx";
import { drawMinimap, toMinimap, worldSquare, type MinimapDot, type WorldSquare } from "./minimap-draw.ts";
import type { MovementDebug } from "./movement-debug.ts";

/**
 * Redraws per second of the map: 10, the snapshot rate (the others move no faster on screen), and at 6 m/s a body
 * moves under a pixel of a 512 m map between redraws. Frames in between cost nothing.
 */
const REDRAW_INTERVAL_MS = 100;

interface PlayerDot extends MinimapDot {
  id: string;
}

/**
 * The minimap in the HUD: the room's whole world (bounds from the welcome's world rules, so a 128 m room and a
 * 512 m plaza both fit), you, and the players you currently see (the avatars drawn: in a plaza, those in your view).
 * Drawn into a small 2D canvas a few times a second from the view the scene draws.
 */
export class MinimapController implements FeatureController {
  readonly hud: ReactNode;
  private canvas: HTMLCanvasElement | null = null;
  private context: CanvasRenderingContext2D | null = null;
  private observer: ResizeObserver | undefined;
  /** The canvas's CSS size (px) and device pixel ratio, as last measured. */
  private size = 0;
  private ratio = 1;
  private lastDrawAt = -Infinity;
  private draws = 0;
  private square: WorldSquare;
  private players: PlayerDot[] = [];
  private self: MinimapDot | undefined;

  constructor(private readonly session: FeatureSession<typeof movementFeature>) {
    this.square = worldSquare(undefined, session.view.halfExtent);
    this.hud = createElement(Minimap, { attach: this.attach });
  }

  frame(now: number): void {
    if (!this.context || this.size === 0 || now - this.lastDrawAt < REDRAW_INTERVAL_MS) return;
    this.lastDrawAt = now;
    const { view, net } = this.session;
    this.square = worldSquare(net.welcome?.world, view.halfExtent);
    const players: PlayerDot[] = [];
    let self: MinimapDot | undefined;
    for (const avatar of view.avatars.values()) {
      if (avatar.self) self = { x: avatar.x, y: avatar.y, color: avatar.color };
      else players.push({ id: avatar.id, x: avatar.x, y: avatar.y, color: avatar.color });
    }
    this.players = players;
    this.self = self;
    this.context.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    drawMinimap(this.context, this.size, this.square, players, self);
    this.draws++;
  }

  debug(): MovementDebug {
    const self = this.self;
    return {
      minimap: {
        world: { ...this.square },
        size: this.size,
        draws: this.draws,
        self: self && { x: self.x, y: self.y, ...toMinimap(this.square, this.size, self.x, self.y) },
        players: this.players.map(({ id, x, y }) => ({ id, x, y })),
      },
    };
  }

  dispose(): void {
    this.observer?.disconnect();
  }

  /** The canvas mounting (or unmounting): sized to its CSS box in device pixels, again whenever that box changes. */
  private readonly attach = (canvas: HTMLCanvasElement | null): void => {
    this.observer?.disconnect();
    this.observer = undefined;
    this.canvas = canvas;
    this.context = canvas?.getContext("2d") ?? null;
    if (!canvas) return;
    const measure = () => {
      this.size = canvas.clientWidth;
      this.ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(this.size * this.ratio);
      canvas.height = Math.round(this.size * this.ratio);
      this.lastDrawAt = -Infinity;
    };
    measure();
    this.observer = new ResizeObserver(measure);
    this.observer.observe(canvas);
  };
}
