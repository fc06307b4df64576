import * as THREE from "three";
import { createElement, type ReactNode } from "react";
import { Channel, type combatFeature } from "@edgehold/protocol";
import { MAX_STAMINA, PLAYER_MAX_HP, Weapon, weaponOfClass } from "@edgehold/sim-core";
import type { InputPart } from "../../net/input-bits.ts";
import type { PresenceInfo } from "../../net/presence.ts";
import type { AvatarPose } from "../../render/world-view.ts";
import type { FeatureController, FeatureSession } from "../feature-session.ts";
import { combatEventsKey } from "./combat-events.ts";
import type { CombatDebug } from "./combat-debug.ts";
import { combatOf, isAliveEntry, readProjectile, type ProjectileFields } from "./combat-fields.ts";
import { CombatHud } from "./CombatHud.tsx";
import { createCombatHudStore, type KillFeedEntry } from "./combat-hud-state.ts";
import { CombatOverlay } from "./combat-overlay.ts";
import { combatPrediction, fireInput, type CombatPrediction } from "./combat-prediction.ts";
import { fallenPose } from "./fallen-pose.ts";
import { HpBarLayer } from "./hp-bar-layer.ts";
import { ProjectileLayer, type ProjectileView } from "./projectile-layer.ts";
import { RoomProjectiles, type RoomProjectileView } from "./room-projectiles.ts";
import { Trigger } from "./trigger.ts";

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

/**
 * Combat on the page, put together: aiming and firing (trigger.ts: outside build mode; held, it fires again whenever
 * the sim's cooldown allows), the projectiles (own ones from prediction, others' between snapshots), HP bars over
 * players and creatures, damage numbers, the hit marker, the kill feed, the dead lying down, and the HUD.
 */
export class CombatController implements FeatureController {
  readonly hud: ReactNode;
  private readonly store = createCombatHudStore();
  private readonly root = new THREE.Group();
  private readonly trigger: Trigger;
  private readonly projectiles = new ProjectileLayer();
  private readonly hpBars = new HpBarLayer();
  private readonly overlay: CombatOverlay;
  private readonly prediction: CombatPrediction;
  private readonly roomProjectiles = new RoomProjectiles();
  private readonly roomViews: RoomProjectileView[] = [];
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
  /** Dead players' avatars: when the page first saw each dead, and its reused pose. */
  private readonly fallen = new Map<string, { since: number; pose: AvatarPose }>();

  constructor(private readonly session: FeatureSession<typeof combatFeature>) {
    this.prediction = session.net.prediction(combatPrediction);
    this.trigger = new Trigger({
      canvas: session.canvas,
      container: session.container,
      camera: () => session.camera(),
      mouseTakenByOther: () => session.mouseTakenByOther(),
      pulled: () => {
        this.click = { frame: session.frames(), at: performance.now(), predictedBefore: this.prediction.shots.predictedTotal };
      },
    });
    this.overlay = new CombatOverlay(session.container);
    this.root.add(this.projectiles.root, this.hpBars.root, this.trigger.reticle);
    session.addLayer(this.root);
    this.hud = createElement(CombatHud, { store: this.store });
  }

  /** A shot with the next fixed step, while the trigger is pulled and the own body is predicted and alive. */
  input(): InputPart | undefined {
    const { net } = this.session;
    const canFire = net.predictor.ready && combatOf(net.replica, net.selfEntityId)?.alive !== false;
    const aim = this.trigger.take(canFire, net.predictor.latest);
    return aim && fireInput(aim, net.viewTime);
  }

  /**
   * Once per frame (after wildlife drew the creatures): the reticle, projectiles, HP bars, the events' numbers and
   * feed, the HUD; and the dead laid down (before chat poses the emotes of the living).
   */
  frame(now: number): void {
    const { net, frame } = this.session;
    const camera = this.session.camera();
    const selfId = net.selfEntityId;
    this.trigger.frame();
    this.drawProjectiles(frame.alpha, selfId, frame.presence);
    this.drawHpBars(camera.quaternion);
    this.takeEvents(performance.now(), selfId);
    this.overlay.frame(performance.now(), camera, this.trigger.pointerPx);

    if (this.click && this.prediction.shots.predictedTotal > this.click.predictedBefore && this.drawnCounts.ownPredicted > 0) {
      this.lastShot = { frames: this.session.frames() + 1 - this.click.frame, ms: performance.now() - this.click.at, drawn: this.drawnCounts.ownPredicted };
      this.click = undefined;
    }
    if (now - this.lastPublishAt >= HUD_PUBLISH_INTERVAL_MS) {
      this.lastPublishAt = now;
      this.publishHud();
    }
    this.layDeadDown(now);
  }

  debug(): CombatDebug {
    const { net } = this.session;
    const own = combatOf(net.replica, net.selfEntityId);
    const entities: CombatDebug["entities"] = [];
    for (const id of net.replica.get(Channel.combat)?.keys() ?? []) {
      const c = combatOf(net.replica, id);
      if (c) entities.push({ id, hp: c.hp, maxHp: c.maxHp, alive: c.alive });
    }
    let roomOwn = 0;
    for (const fields of net.replica.get(Channel.projectile)?.values() ?? []) if (readProjectile(fields)?.owner === net.selfEntityId) roomOwn++;
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
      ownPredictedTotal: this.prediction.shots.predictedTotal,
      roomOwnProjectiles: roomOwn,
      ownRoomDrawn: this.drawnCounts.ownRoom,
      ownRoomDrawnTotal: this.ownRoomTotals.drawn,
      ownRoomSkippedTotal: this.ownRoomTotals.skipped,
      killFeed: this.killFeed.map(({ killer, target }) => ({ killer, target })),
      hitsDealt: this.hitsDealt,
      damageNumbers: this.overlay.numberCount,
      reticle: this.trigger.point && { ...this.trigger.point },
      lastShot: this.lastShot && { ...this.lastShot },
    };
  }

  dispose(): void {
    this.trigger.dispose();
    this.projectiles.dispose();
    this.hpBars.dispose();
    this.overlay.dispose();
    this.root.clear();
  }

  // -- drawing ---------------------------------------------------------------------------------------------------

  private drawProjectiles(alpha: number, selfId: string | undefined, presence: ReadonlyMap<string, PresenceInfo>): void {
    const { net } = this.session;
    const shots = this.prediction.shots;
    const newest = net.newestSnapshotTime;
    if (newest !== undefined) this.roomProjectiles.observe(this.projectileChannel(), newest);
    shots.matchRoom();
    const views: ProjectileView[] = [];
    for (const shot of shots.shots()) {
      views.push({ x: shot.prevX + (shot.x - shot.prevX) * alpha, y: shot.prevY + (shot.y - shot.prevY) * alpha, vx: shot.vx, vy: shot.vy, weapon: shot.weapon });
    }
    const ownPredicted = views.length;
    let ownRoom = 0;
    if (net.viewTime !== undefined) {
      // The own projectiles the page predicted are drawn from the prediction only: the room's copy would be a duplicate.
      const skip = (p: ProjectileFields) => {
        if (!shots.isOwnPredicted(p)) return false;
        // `sample` asks only of projectiles due at the render time: each one skipped is a duplicate not drawn.
        this.ownRoomTotals.skipped++;
        return true;
      };
      this.roomProjectiles.sample(net.viewTime, skip, this.roomViews);
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
    for (const [id, fields] of this.session.net.replica.get(Channel.projectile) ?? []) {
      const p = readProjectile(fields);
      if (p) yield [id, p];
    }
  }

  /** Over every living avatar and creature as drawn this frame (a creature's bar just above its own name label). */
  private drawHpBars(facing: THREE.Quaternion): void {
    const { net, view } = this.session;
    const combat = net.replica.get(Channel.combat);
    const bars = this.hpBars;
    bars.begin(facing);
    view.avatars.forEach((avatar) => {
      const c = combat?.get(avatar.id);
      if (isAliveEntry(c)) bars.add(avatar.x, avatar.y, PLAYER_BAR_HEIGHT, c.hp, c.maxHp);
    });
    view.creatures.forEach((creature) => {
      const c = combat?.get(creature.id);
      if (isAliveEntry(c)) bars.add(creature.x, creature.y, creature.labelHeight + CREATURE_BAR_OFFSET, c.hp, c.maxHp);
    });
    bars.end();
  }

  private takeEvents(now: number, selfId: string | undefined): void {
    const { net, view, frame } = this.session;
    const nameOf = (id: string) => frame.presence.get(id)?.name ?? `#${id}`;
    for (const event of net.local(combatEventsKey).drain()) {
      if (event.type === "hit") {
        const at = view.avatars.get(event.target) ?? frame.sampled.get(event.target);
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

  /** Lays dead players' avatars down (the view's poses start afresh each frame), and stands them up on respawn. */
  private layDeadDown(now: number): void {
    const { net, view } = this.session;
    for (const avatar of view.avatars.values()) {
      if (combatOf(net.replica, avatar.id)?.alive !== false) {
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

  private publishHud(): void {
    const { net } = this.session;
    const own = combatOf(net.replica, net.selfEntityId);
    const alive = own?.alive ?? true;
    let respawnInSeconds: number | undefined;
    if (!alive && own?.respawnAt !== undefined) respawnInSeconds = Math.max(0, Math.ceil((own.respawnAt - net.serverNow()) / 1000));
    this.store.publish({
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
    const { net } = this.session;
    return net.predictor.ready ? this.prediction.ownStamina() : combatOf(net.replica, net.selfEntityId)?.stamina;
  }
}

/** The channel does not say a projectile's weapon: a creature's is its species' (wolves bite), a player's its class's. */
function weaponOf(owner: PresenceInfo | undefined): number {
  return owner?.kind === "creature" ? Weapon.bite : weaponOfClass(owner?.characterClass);
}
