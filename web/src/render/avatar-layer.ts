import * as THREE from "three";
import { AvatarInstances } from "./avatar-instances.ts";
import { facingYaw } from "./facing.ts";
import { LabelAtlas } from "./label-atlas.ts";
import { SlotPool } from "./slot-pool.ts";
import type { AvatarView, WorldView } from "./world-view.ts";

/**
 * Avatars drawn at once (fading ones included). A `room` holds at most 128 players; a plaza sends only the ~72 m
 * around you, which holds ~60 players of 1,000 spread evenly and more in a crowd. Avatars past this are not drawn
 * rather than costing a reallocation mid-game.
 */
const CAPACITY = 256;
/** Label height above the ground (m): just over the ~1.8 m avatar's head. */
const LABEL_HEIGHT = 2.15;
/** The walk's bob: up to 6 cm, two steps a second at walking speed (one |sin| hump per step). */
const BOB_METRES = 0.06;
const BOB_RADIANS_PER_MS = Math.PI * 2 / 1000;
/** Below this speed (m/s) an avatar stands still: no bob. */
const WALKING_SPEED = 0.5;

interface Slot {
  readonly index: number;
  yaw: number;
  /** What the slot's label and colour currently show (compared field by field: no per-frame strings). */
  name: string;
  color: string;
  self: boolean;
}

/** Maps the view's avatars to instance slots and keeps the instanced meshes, labels and your ring in step. */
export class AvatarLayer {
  readonly root = new THREE.Group();
  private readonly instances = new AvatarInstances(CAPACITY);
  private readonly labels: LabelAtlas;
  private readonly ring: THREE.Mesh;
  /** One past the highest slot drawn this frame. */
  private used = 0;
  private readonly slots = new SlotPool<Slot>(CAPACITY, (index) => ({ index, yaw: 0, name: "", color: "", self: false }));

  constructor(renderer: THREE.WebGLRenderer) {
    this.labels = new LabelAtlas(renderer, CAPACITY);
    this.ring = new THREE.Mesh(new THREE.RingGeometry(0.62, 0.78, 40), new THREE.MeshBasicMaterial({ color: 0xffd166, side: THREE.DoubleSide }));
    this.ring.rotation.x = -Math.PI / 2;
    this.ring.visible = false;
    this.root.add(this.instances.root, this.labels.mesh, this.ring);
  }

  /** Updates every avatar (and every one fading out of view) from the view; returns your own avatar (to follow), if present. */
  sync(view: WorldView, facing: THREE.Quaternion, now = 0): AvatarView | undefined {
    this.drawing = view;
    this.facing = facing;
    this.now = now;
    this.slots.retain(this.stillDrawn, this.release);
    this.self = undefined;
    this.used = 0;
    view.avatars.forEach(this.drawOne);
    view.leaving.forEach(this.drawGhost);
    const self = this.self as AvatarView | undefined;
    this.instances.commit(this.used);
    this.labels.commit(this.used);
    this.ring.visible = self !== undefined;
    if (self) this.ring.position.set(self.x, 0.02, -self.y);
    return self;
  }

  // The sync's arguments, for the callbacks below: bound once, so a frame over every avatar makes no closures.
  // Each sync sets them before any callback runs (hence `facing!`: no placeholder quaternion to allocate).
  private drawing: WorldView | undefined;
  private facing!: THREE.Quaternion;
  private now = 0;
  private self: AvatarView | undefined;
  private readonly stillDrawn = (id: string): boolean => this.drawing!.avatars.has(id) || this.drawing!.leaving.has(id);
  private readonly release = (slot: { index: number }): void => {
    this.instances.hide(slot.index);
    this.labels.hide(slot.index);
  };
  private readonly drawOne = (avatar: AvatarView): void => {
    this.draw(avatar, this.facing, this.now);
    if (avatar.self) this.self = avatar;
  };
  /** An avatar fading out of view: drawn, never the one to follow. */
  private readonly drawGhost = (ghost: AvatarView): void => this.draw(ghost, this.facing, this.now);

  private draw(avatar: AvatarView, facing: THREE.Quaternion, now: number): void {
    const slot = this.slots.slotFor(avatar.id);
    if (!slot) return;
    this.used = Math.max(this.used, slot.index + 1);
    if (avatar.name !== slot.name || avatar.color !== slot.color || avatar.self !== slot.self) {
      slot.name = avatar.name;
      slot.color = avatar.color;
      slot.self = avatar.self;
      this.instances.setColor(slot.index, avatar.color);
      this.labels.draw(slot.index, avatar.name, avatar.color, avatar.self);
    }
    slot.yaw = facingYaw(avatar.vx, avatar.vy, slot.yaw);
    // Ground plane (x, y) → three's x right, -z forward.
    // Each slot steps at its own phase, so a crowd walking together does not bob in lockstep.
    const walking = !avatar.pose && avatar.vx * avatar.vx + avatar.vy * avatar.vy > WALKING_SPEED * WALKING_SPEED;
    const bob = walking ? Math.abs(Math.sin(now * BOB_RADIANS_PER_MS + slot.index)) * BOB_METRES : 0;
    this.instances.place(slot.index, avatar.x, -avatar.y, slot.yaw, avatar.opacity, avatar.pose, avatar.held, bob);
    this.labels.place(slot.index, avatar.x, LABEL_HEIGHT, -avatar.y, facing, avatar.opacity);
  }

  dispose(): void {
    this.instances.dispose();
    this.labels.dispose();
    this.ring.geometry.dispose();
    if (this.ring.material instanceof THREE.Material) this.ring.material.dispose();
    this.root.clear();
  }
}
