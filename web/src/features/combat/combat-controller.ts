import * as THREE from "three";
import { Channel } from "@edgehold/protocol";
import { MAX_STAMINA, PLAYER_MAX_HP, Weapon, weaponOfClass } from "@edgehold/sim-core";
import { isTyping } from "../../input/keyboard.ts";
import type { Kinematics } from "../../net/kinematics.ts";
import { epochNow } from "../../net/ping-clock.ts";
import type { PresenceInfo } from "../../net/presence.ts";
import type { RoomClient } from "../../net/room-client.ts";
import { pickGroundPoint, toNdc } from "../../render/ground-picking.ts";
import type { AvatarPose, WorldView } from "../../render/world-view.ts";
import { aimVector } from "./aim.ts";
import { combatEventsKey } from "./combat-events.ts";
import { combatOf, readProjectile, type ProjectileFields } from "./combat-fields.ts";
import { createCombatHudStore, type KillFeedEntry } from "./combat-hud-state.ts";
import { CombatOverlay } from "./combat-overlay.ts";
import { CreatureLayer, type CreatureView } from "./creature-layer.ts";
import { fallenPose } from "./fallen-pose.ts";
import { HpBarLayer, type HpBarView } from "./hp-bar-layer.ts";
import { ProjectileLayer, type ProjectileView } from "./projectile-layer.ts";
import { RoomProjectiles, type RoomProjectileView } from "./room-projectiles.ts";

/** Combat HUD refreshes per second: 10 keeps the stamina bar and the countdown live at negligible React cost. */
const HUD_PUBLISH_INTERVAL_MS = 100;
/** Kill feed: the last 5 kills, each for 10 s: enough to follow a fight, gone before it is stale. */
const KILL_FEED_LENGTH = 5;
const KILL_FEED_MS = 10_000;
/** A player's HP bar sits just above the name label (2.05 m), a creature's just above its own label. */
const PLAYER_BAR_HEIGHT = 2.4;
const CREATURE_BAR_OFFSET = 0.35;
/** Damage numbers start at about head height of the one hit. */
const NUMBER_HEIGHT = 1.8;

/** What the debug hook reports of combat (see debug-hook.ts). */
export interface CombatDebug {
  hp: number | undefined;
  maxHp: number | undefined;
  alive: boolean | undefined;
  stamina: number | undefined;
  respawnAt: number | undefined;
  kills: number;
  deaths: number;
  /** Every entity's hp as the page holds it (combat channel). */
  entities: { id: string; hp: number; maxHp: number; alive: boolean }[];
  /** Projectiles drawn this frame, all of them; the own ones drawn from prediction; the room's own ones in the channel. */
  projectilesDrawn: number;
  ownPredictedDrawn: number;
  ownPredictedTotal: number;
  roomOwnProjectiles: number;
  /** Room projectiles of the own player drawn this frame (a duplicate of a predicted one would show here). */
  ownRoomDrawn: number;
  /** Over all frames: own room projectiles drawn, and own room projectiles due at the render time but left out
   *  because the page predicted them (> 0: the room's copy of a predicted shot reached the render time). */
  ownRoomDrawnTotal: number;
  ownRoomSkippedTotal: number;
  killFeed: { killer: string; target: string }[];
  hitsDealt: number;
  damageNumbers: number;
  /** The ground point under the pointer (undefined: off the ground, or building). */
  reticle: { x: number; y: number } | undefined;
  /**
   * The last click that fired: frames and ms from the click to the first frame drawing its projectile, and how many
   * own predicted projectiles that frame drew.
   */
  lastShot: { frames: number; ms: number; drawn: number } | undefined;
  creatures: { id: string; species: string; name: string; x: number; y: number; alive: boolean }[];
}

export interface CombatControllerParts {
  canvas: HTMLElement;
  /** The element over which the DOM overlay (damage numbers, hit marker) is laid. */
  container: HTMLElement;
  camera: () => THREE.Camera;
  webgl: THREE.WebGLRenderer;
  client: RoomClient;
  view: WorldView;
  /** True while build mode has the mouse. */
  building: () => boolean;
  /** Frames drawn so far (FrameTimings.count). */
  frames: () => number;
}

/**
 * Combat on the page, put together: aiming with the mouse (a ground reticle) and firing with the left button
 * (outside build mode; held, it fires again whenever the sim's cooldown allows), the projectiles (own ones from
 * prediction, others' between snapshots), creatures, HP bars, damage numbers, the hit marker, the kill feed and
 * the HUD. The game session adds `root` to the scene, asks `takeFire()` for every fixed step, and calls `frame()`.
 */
export class CombatController {
  readonly root = new THREE.Group();
  readonly hud = createCombatHudStore();
  private readonly projectiles = new ProjectileLayer();
  private readonly hpBars = new HpBarLayer();
  private readonly creatures: CreatureLayer;
  private readonly overlay: CombatOverlay;
  private readonly reticle: THREE.Mesh;
  private readonly roomProjectiles = new RoomProjectiles();
  private readonly roomViews: RoomProjectileView[] = [];
  private pointerNdc: { x: number; y: number } | undefined;
  private pointerPx: { x: number; y: number } | undefined;
  private reticlePoint: { x: number; y: number } | undefined;
  private held = false;
  /** A click since the last step: fires with the next step even if the button is already up (a quick tap). */
  private latched = false;
  private lastAim = { x: 0, y: 1 };
  private readonly killFeed: (KillFeedEntry & { at: number })[] = [];
  private nextKillId = 1;
  private killedBy: string | undefined;
  private hitsDealt = 0;
  private lastPublishAt = -Infinity;
  private click: { frame: number; at: number; predictedBefore: number } | undefined;
  private lastShot: { frames: number; ms: number; drawn: number } | undefined;
  private drawnCounts = { all: 0, ownPredicted: 0, ownRoom: 0 };
  /** Own room projectiles over all frames: drawn (duplicates, when predicted), and skipped for the prediction. */
  private readonly ownRoomTotals = { drawn: 0, skipped: 0 };
  private creatureViews: CreatureView[] = [];
  /** Dead players' avatars: when the page first saw each dead, and its reused pose. */
  private readonly fallen = new Map<string, { since: number; pose: AvatarPose }>();

  constructor(private readonly parts: CombatControllerParts) {
    this.creatures = new CreatureLayer(parts.webgl);
    this.overlay = new CombatOverlay(parts.container);
    this.reticle = new THREE.Mesh(
      new THREE.RingGeometry(0.22, 0.3, 24).rotateX(-Math.PI / 2),
      new THREE.MeshBasicMaterial({ color: 0xff6b6b, transparent: true, opacity: 0.9, depthWrite: false }),
    );
    this.reticle.visible = false;
    this.reticle.renderOrder = 5;
    this.root.add(this.projectiles.root, this.hpBars.root, this.creatures.root, this.reticle);
    const { canvas } = parts;
    canvas.addEventListener("pointermove", this.onPointerMove);
    canvas.addEventListener("pointerleave", this.onPointerLeave);
    canvas.addEventListener("pointerdown", this.onPointerDown);
    window.addEventListener("pointerup", this.onPointerUp);
    window.addEventListener("blur", this.release);
  }

  /**
   * The aim of the next fixed step's input when it fires (the left button held or clicked since the last step, not
   * building, alive), else undefined. The aim runs from the own body (its latest predicted step: where the sim spawns
   * the projectile) to the reticle.
   */
  takeFire(): { x: number; y: number } | undefined {
    const wants = this.held || this.latched;
    this.latched = false;
    const { client } = this.parts;
    if (!wants || this.parts.building() || !client.predictor.ready) return undefined;
    if (combatOf(client.replica, client.selfEntityId)?.alive === false) return undefined;
    const target = this.reticlePoint;
    if (target) this.lastAim = aimVector(client.predictor.latest, target, this.lastAim);
    return this.lastAim;
  }

  /**
   * Once per frame, after the others were sampled (`sampled`: entity id → drawn state) and the view was synced
   * (`presence`: this frame's presenceById).
   */
  frame(now: number, sampled: ReadonlyMap<string, Kinematics>, alpha: number, presence: ReadonlyMap<string, PresenceInfo>): void {
    const { client } = this.parts;
    const camera = this.parts.camera();
    const facing = camera.quaternion;
    const selfId = client.selfEntityId;

    this.reticlePoint = this.pointerNdc && !this.parts.building() ? pickGroundPoint(this.pointerNdc.x, this.pointerNdc.y, camera) : undefined;
    this.reticle.visible = this.reticlePoint !== undefined;
    if (this.reticlePoint) this.reticle.position.set(this.reticlePoint.x, 0.03, -this.reticlePoint.y);

    this.drawProjectiles(alpha, selfId, presence);
    this.drawCreatures(sampled, presence, facing);
    this.drawHpBars(facing);
    this.takeEvents(performance.now(), sampled, presence, selfId);
    this.overlay.frame(performance.now(), camera, this.pointerPx);

    if (this.click && client.predictedShots.predictedTotal > this.click.predictedBefore && this.drawnCounts.ownPredicted > 0) {
      this.lastShot = { frames: this.parts.frames() + 1 - this.click.frame, ms: performance.now() - this.click.at, drawn: this.drawnCounts.ownPredicted };
      this.click = undefined;
    }
    if (now - this.lastPublishAt >= HUD_PUBLISH_INTERVAL_MS) {
      this.lastPublishAt = now;
      this.publishHud();
    }
  }

  /**
   * Lays dead players' avatars down, over whatever pose they had (call after the chat's emote poses: the dead do
   * not wave), and stands them up again when they respawn.
   */
  pose(now: number): void {
    const { client, view } = this.parts;
    for (const avatar of view.avatars.values()) {
      if (combatOf(client.replica, avatar.id)?.alive !== false) {
        this.fallen.delete(avatar.id);
        continue;
      }
      let fall = this.fallen.get(avatar.id);
      if (!fall) this.fallen.set(avatar.id, (fall = { since: now, pose: { lift: 0, spin: 0, roll: 0, pitch: 0 } }));
      fallenPose(now - fall.since, fall.pose);
      avatar.pose = fall.pose;
    }
    if (this.fallen.size > 0) for (const id of this.fallen.keys()) if (!view.avatars.has(id)) this.fallen.delete(id);
  }

  debug(): CombatDebug {
    const { client } = this.parts;
    const own = combatOf(client.replica, client.selfEntityId);
    const entities: CombatDebug["entities"] = [];
    for (const id of client.replica.get(Channel.combat)?.keys() ?? []) {
      const c = combatOf(client.replica, id);
      if (c) entities.push({ id, hp: c.hp, maxHp: c.maxHp, alive: c.alive });
    }
    let roomOwn = 0;
    for (const fields of client.replica.get(Channel.projectile)?.values() ?? []) if (readProjectile(fields)?.owner === client.selfEntityId) roomOwn++;
    return {
      hp: own?.hp,
      maxHp: own?.maxHp,
      alive: own?.alive,
      stamina: this.ownStamina(),
      respawnAt: own?.alive === false ? own.respawnAt : undefined,
      kills: own?.kills ?? 0,
      deaths: own?.deaths ?? 0,
      entities,
      projectilesDrawn: this.drawnCounts.all,
      ownPredictedDrawn: this.drawnCounts.ownPredicted,
      ownPredictedTotal: client.predictedShots.predictedTotal,
      roomOwnProjectiles: roomOwn,
      ownRoomDrawn: this.drawnCounts.ownRoom,
      ownRoomDrawnTotal: this.ownRoomTotals.drawn,
      ownRoomSkippedTotal: this.ownRoomTotals.skipped,
      killFeed: this.killFeed.map(({ killer, target }) => ({ killer, target })),
      hitsDealt: this.hitsDealt,
      damageNumbers: this.overlay.numberCount,
      reticle: this.reticlePoint && { ...this.reticlePoint },
      lastShot: this.lastShot && { ...this.lastShot },
      creatures: this.creatureViews.map(({ id, species, name, x, y, alive }) => ({ id, species, name, x, y, alive })),
    };
  }

  dispose(): void {
    const { canvas } = this.parts;
    canvas.removeEventListener("pointermove", this.onPointerMove);
    canvas.removeEventListener("pointerleave", this.onPointerLeave);
    canvas.removeEventListener("pointerdown", this.onPointerDown);
    window.removeEventListener("pointerup", this.onPointerUp);
    window.removeEventListener("blur", this.release);
    this.projectiles.dispose();
    this.hpBars.dispose();
    this.creatures.dispose();
    this.overlay.dispose();
    this.reticle.geometry.dispose();
    (this.reticle.material as THREE.Material).dispose();
    this.root.clear();
  }

  // -- drawing ---------------------------------------------------------------------------------------------------

  private drawProjectiles(alpha: number, selfId: string | undefined, presence: ReadonlyMap<string, PresenceInfo>): void {
    const { client } = this.parts;
    const shots = client.predictedShots;
    const newest = client.buffer.frames[client.buffer.frames.length - 1];
    if (newest) this.roomProjectiles.observe(this.projectileChannel(), newest.serverTime);
    shots.matchRoom();
    const views: ProjectileView[] = [];
    for (const shot of shots.shots()) {
      views.push({ x: shot.prevX + (shot.x - shot.prevX) * alpha, y: shot.prevY + (shot.y - shot.prevY) * alpha, vx: shot.vx, vy: shot.vy, weapon: shot.weapon });
    }
    const ownPredicted = views.length;
    let ownRoom = 0;
    if (client.viewTime !== undefined) {
      // The own projectiles the page predicted are drawn from the prediction only: the room's copy would be a duplicate.
      const skip = (p: ProjectileFields) => {
        if (!shots.isOwnPredicted(p)) return false;
        // `sample` asks only of projectiles due at the render time: each one skipped is a duplicate not drawn.
        this.ownRoomTotals.skipped++;
        return true;
      };
      this.roomProjectiles.sample(client.viewTime, skip, this.roomViews);
      for (const p of this.roomViews) {
        if (p.owner === selfId) ownRoom++;
        views.push({ x: p.x, y: p.y, vx: p.vx, vy: p.vy, weapon: weaponOf(presence.get(p.owner)) });
      }
    }
    this.projectiles.sync(views);
    this.drawnCounts = { all: views.length, ownPredicted, ownRoom };
    this.ownRoomTotals.drawn += ownRoom;
  }

  private *projectileChannel(): Generator<[string, ProjectileFields]> {
    for (const [id, fields] of this.parts.client.replica.get(Channel.projectile) ?? []) {
      const p = readProjectile(fields);
      if (p) yield [id, p];
    }
  }

  private drawCreatures(sampled: ReadonlyMap<string, Kinematics>, presence: ReadonlyMap<string, PresenceInfo>, facing: THREE.Quaternion): void {
    const { client } = this.parts;
    const views: CreatureView[] = [];
    for (const [id, state] of sampled) {
      const who = presence.get(id);
      if (who?.kind !== "creature") continue;
      const alive = combatOf(client.replica, id)?.alive ?? true;
      views.push({ id, species: who.species ?? "other", name: who.name, x: state.x, y: state.y, vx: state.vx, vy: state.vy, alive });
    }
    this.creatureViews = views;
    this.creatures.sync(views, facing);
  }

  private drawHpBars(facing: THREE.Quaternion): void {
    const { client, view } = this.parts;
    const bars: HpBarView[] = [];
    for (const avatar of view.avatars.values()) {
      const c = combatOf(client.replica, avatar.id);
      if (c?.alive) bars.push({ x: avatar.x, y: avatar.y, height: PLAYER_BAR_HEIGHT, hp: c.hp, maxHp: c.maxHp });
    }
    for (const creature of this.creatureViews) {
      const c = combatOf(client.replica, creature.id);
      if (c?.alive) bars.push({ x: creature.x, y: creature.y, height: this.creatures.labelHeight(creature.species) + CREATURE_BAR_OFFSET, hp: c.hp, maxHp: c.maxHp });
    }
    this.hpBars.sync(bars, facing);
  }

  private takeEvents(now: number, sampled: ReadonlyMap<string, Kinematics>, presence: ReadonlyMap<string, PresenceInfo>, selfId: string | undefined): void {
    const { client, view } = this.parts;
    const nameOf = (id: string) => presence.get(id)?.name ?? `#${id}`;
    for (const event of client.local(combatEventsKey).drain()) {
      if (event.type === "hit") {
        const at = view.avatars.get(event.target) ?? sampled.get(event.target);
        const own = event.source === selfId;
        if (at) this.overlay.addNumber(now, event.damage, at.x, at.y, NUMBER_HEIGHT, event.crit, own);
        if (own) {
          this.hitsDealt++;
          this.overlay.hitMarker(now, event.crit);
        }
      } else if (event.type === "death") {
        this.killFeed.push({
          id: this.nextKillId++,
          killer: nameOf(event.killer),
          target: nameOf(event.target),
          involvesSelf: event.killer === selfId || event.target === selfId,
          at: now,
        });
        if (this.killFeed.length > KILL_FEED_LENGTH) this.killFeed.shift();
        if (event.target === selfId) this.killedBy = nameOf(event.killer);
      } else if (event.target === selfId) {
        this.killedBy = undefined;
      }
    }
    while (this.killFeed.length > 0 && now - this.killFeed[0]!.at > KILL_FEED_MS) this.killFeed.shift();
  }

  private publishHud(): void {
    const { client } = this.parts;
    const own = combatOf(client.replica, client.selfEntityId);
    const alive = own?.alive ?? true;
    let respawnInSeconds: number | undefined;
    if (!alive && own?.respawnAt !== undefined) respawnInSeconds = Math.max(0, Math.ceil((own.respawnAt - this.serverNow()) / 1000));
    this.hud.publish({
      hp: own?.hp,
      maxHp: own?.maxHp ?? PLAYER_MAX_HP,
      stamina: this.ownStamina() ?? 0,
      maxStamina: MAX_STAMINA,
      alive,
      respawnInSeconds,
      killedBy: alive ? undefined : this.killedBy,
      kills: own?.kills ?? 0,
      deaths: own?.deaths ?? 0,
      killFeed: this.killFeed.map(({ at: _at, ...entry }) => entry),
    });
  }

  /** The own stamina: predicted (it drops the moment a shot leaves), else the room's. */
  private ownStamina(): number | undefined {
    const { client } = this.parts;
    return client.predictor.ready ? client.predictedShots.ownStamina() : combatOf(client.replica, client.selfEntityId)?.stamina;
  }

  /** The server's clock now (ms): from the ping clock, else the render time plus its delay. */
  private serverNow(): number {
    const { client } = this.parts;
    if (client.ping.offsetMs !== undefined) return epochNow() + client.ping.offsetMs;
    return (client.viewTime ?? 0) + client.timeline.delayMs;
  }

  // -- pointer ---------------------------------------------------------------------------------------------------

  private readonly onPointerMove = (event: PointerEvent): void => {
    this.setPointer(event);
  };

  private readonly onPointerLeave = (): void => {
    this.pointerNdc = undefined;
    this.pointerPx = undefined;
  };

  private readonly onPointerDown = (event: PointerEvent): void => {
    this.setPointer(event);
    if (event.button !== 0 || this.parts.building() || isTyping(document.activeElement)) return;
    this.held = true;
    this.latched = true;
    this.click = { frame: this.parts.frames(), at: performance.now(), predictedBefore: this.parts.client.predictedShots.predictedTotal };
  };

  private readonly onPointerUp = (event: PointerEvent): void => {
    if (event.button === 0) this.held = false;
  };

  private readonly release = (): void => {
    this.held = false;
  };

  private setPointer(event: PointerEvent): void {
    const canvas = this.parts.canvas;
    this.pointerNdc = toNdc(event.clientX, event.clientY, canvas);
    const rect = this.parts.container.getBoundingClientRect();
    this.pointerPx = { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }
}

/** The channel does not say a projectile's weapon: a creature's is its species' (wolves bite), a player's its class's. */
function weaponOf(owner: PresenceInfo | undefined): number {
  return owner?.kind === "creature" ? Weapon.bite : weaponOfClass(owner?.characterClass);
}
