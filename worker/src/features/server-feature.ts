import type { CommandMessage, FeatureDefinition, FieldsOf, InputFieldsOf, MovementInput, PayloadOf, SequencedInput } from "@edgehold/protocol";
import type { ChannelInterest } from "../room/interest/channel-interest.ts";
import type { PlayerEntity, RoomWorld } from "../room/room-world.ts";
import type { Migration } from "../storage/migrations.ts";
import type { SqlExec } from "../storage/rows-written.ts";
import type { CommandOutcome, PlayerConnection, RoomClock, RoomContext } from "./room-context.ts";
import type { ServiceBinding, ServiceKey } from "./services/define-service.ts";

/**
 * The server half of a feature, keyed by its protocol definition: a handler for each of its commands (payload
 * types come from the protocol's validators), a collector for each of its snapshot channels, hooks into the
 * room's life (join, leave, tick, checkpoint), its own state, its SQLite migrations (numbered in its own namespace)
 * and the services it offers or asks of other features. The room runs whatever worker/src/features/registry.ts
 * lists; nothing else names a feature.
 */

type Names<R> = Extract<keyof R, string>;

/** What a feature's code gets: the room context plus its own state and the services it declared it uses. */
export interface FeatureContext<S> extends RoomContext {
  readonly state: S;
  /**
   * The implementation of a service this feature lists in `uses`, from the feature of this room that provides it;
   * undefined when none does (a room kind without that feature). Throws for a service not listed in `uses`.
   */
  service<T>(key: ServiceKey<T>): T | undefined;
}

/** One step input as feature F sees it: its seq and the fields F declares (build: `build`; combat: `fire`, aim). */
export type StepInputOf<F extends FeatureDefinition> = SequencedInput & InputFieldsOf<F>;

/** A command handler's context: also the sending player and their connection. */
export interface CommandContext<S> extends FeatureContext<S> {
  readonly player: PlayerEntity;
  readonly connection: PlayerConnection;
}

/** A validated command of feature F (a command carrying step inputs carries the room's: MovementInput). */
export type CommandMessageOf<F extends FeatureDefinition, A extends Names<F["commands"]>> = CommandMessage<
  F["name"],
  A,
  PayloadOf<F["commands"][A], MovementInput>
>;

export type CommandHandler<F extends FeatureDefinition, A extends Names<F["commands"]>, S> = (
  context: CommandContext<S>,
  command: CommandMessageOf<F, A>,
) => CommandOutcome | Promise<CommandOutcome>;

/** A handler, or a handler with options. */
export type CommandEntry<F extends FeatureDefinition, A extends Names<F["commands"]>, S> =
  | CommandHandler<F, A, S>
  | {
      handle: CommandHandler<F, A, S>;
      /**
       * The command is acknowledged by something else the client already gets (input batches: the snapshots'
       * `ackInputSeq`), so an accepted one gets no `ack` envelope. A rejected one still gets its `error`.
       */
      ackedBySnapshot?: boolean;
    };

/** Entity id → this channel's fields, read from the room's state on each snapshot tick. */
export type ChannelCollector<Fields, S> = (context: FeatureContext<S>) => ReadonlyMap<string, Fields>;

/**
 * A collector, or a collector with options. `version`: a number that goes up whenever the channel's entities change.
 * With it the room skips diffing the channel on ticks where it did not move — for a large, mostly static channel
 * (10,000 structures) that diff is most of a tick's work. `collect` must then return the same map while the version
 * stands. `interest`: how the channel is filtered in a room whose kind has an interest radius (absent: everyone gets
 * all of it, as in every room without a radius).
 */
export type ChannelEntry<Fields, S> =
  | ChannelCollector<Fields, S>
  | {
      collect: ChannelCollector<Fields, S>;
      version?: (context: FeatureContext<S>) => number;
      /**
       * The ids whose entry was set, changed or removed after `version` (undefined: it no longer knows). With it, a
       * channel that moved is diffed at those ids only — a structure hit by a projectile costs one entry's diff, not
       * 10,000 — whenever `collect` returned the same map as at the last diff.
       */
      changedSince?: (context: FeatureContext<S>, version: number) => Iterable<string> | undefined;
      interest?: ChannelInterest<Fields>;
      /**
       * A channel that reaches only the connections whose view asks for it (SnapshotView.selectScoped), whatever the
       * interest radius: a party's members see each other through it, nobody else sees any of it.
       */
      scoped?: boolean;
    };

/**
 * A connection was admitted: a new player (`joinedWorld`), or one already in the world (resume, replacement, a
 * lingering body taken back). `spawned`: the join placed the body at a spawn point (no saved place to return to).
 */
export interface Arrival {
  readonly player: PlayerEntity;
  readonly connection: PlayerConnection;
  readonly joinedWorld: boolean;
  readonly spawned: boolean;
}

/** A join the room must not admit: the upgrade is completed only to close with `code` and `reason`. */
export interface Refusal {
  readonly code: number;
  readonly reason: string;
}

export interface FeatureHooks<S, F extends FeatureDefinition = FeatureDefinition> {
  /**
   * Before a join is admitted (the player is known, nothing is written yet): a refusal keeps `playerId` out, e.g.
   * a ban (4004). The first feature that refuses decides.
   */
  admit?(context: FeatureContext<S>, playerId: string): Refusal | undefined;
  /** After the welcome went out on the new connection. */
  join?(context: FeatureContext<S>, arrival: Arrival): void;
  /**
   * `player`'s last connection is gone: how long (ms) their body should stay in the world without them (0 or absent:
   * it leaves now). The room keeps it for the longest any feature asks — combat: 10 s after they dealt or took damage,
   * so leaving is no escape — with presence `connected: false`; a rejoin before then takes it back. Not asked when the
   * room owner kicked or banned them.
   */
  linger?(context: FeatureContext<S>, player: PlayerEntity): number;
  /**
   * A player is about to leave the world: their body is still in the simulation, for a feature to read what it
   * keeps of it (combat: hp, a pending respawn). Then `leave`.
   */
  leaving?(context: FeatureContext<S>, player: PlayerEntity): void;
  /** A player left the world (their last connection went, or they switched character); `player` is already gone. */
  leave?(context: FeatureContext<S>, player: PlayerEntity, reason: string): void;
  /**
   * An input of `player` is about to be applied, in the step that applies it (before their body moves): for the
   * fields this feature adds to the input (its protocol definition's `input`), e.g. a build action, so it takes
   * effect at exactly the step the client predicted. `catchUp`: a backlogged player's extra input, applied after the
   * world step by a step of their body alone.
   */
  input?(context: FeatureContext<S>, player: PlayerEntity, input: StepInputOf<F>, catchUp: boolean): void;
  /**
   * `player` keeps going over their action limits (any feature's, see RoomContext.spend): the flood escalation's
   * first step, e.g. chat's automatic mute. Its next step, a 4008 close, needs no hook.
   */
  flooded?(context: FeatureContext<S>, player: PlayerEntity, now: number): void;
  /**
   * Before every simulation step (the room calls it right before `world.step()`): for what acts on its own at a
   * step, e.g. creature brains writing their bodies' inputs. Never called while the room's loop is stopped.
   */
  beforeStep?(context: FeatureContext<S>): void;
  /** After every simulation step, before snapshots go out. */
  tick?(context: FeatureContext<S>): void;
  /**
   * The room owner cleared `playerId` (`/clear`, `/ban`; see RoomContext.clearPlayer): remove what they placed in the
   * world (build: every structure they own), stored first. Returns how many things went.
   */
  clear?(context: FeatureContext<S>, playerId: string): number;
  /** When the room writes its checkpoint (about once a second, and on every join and leave). */
  checkpoint?(context: FeatureContext<S>): void;
}

/** What a feature's state is built from when the room starts (after migrations ran). */
export interface FeatureSetup {
  readonly sql: SqlExec;
  readonly env: Env;
  readonly world: RoomWorld;
  /** The room's clock (the room context's): features read the time from it, never from `Date.now()`. */
  readonly clock: RoomClock;
}

export interface ServerFeatureParts<F extends FeatureDefinition, S> {
  state?: (setup: FeatureSetup) => S;
  commands: { [A in Names<F["commands"]>]: CommandEntry<F, A, S> };
  channels: { [C in Names<F["channels"]>]: ChannelEntry<FieldsOf<F["channels"][C]>, S> };
  hooks?: FeatureHooks<S, F>;
  /**
   * Its SQLite tables, numbered 1, 2, … in its own namespace (the feature's name): no other feature's numbers to
   * avoid. Append; never edit one that has shipped (storage/migrations.ts).
   */
  migrations?: readonly Migration[];
  /** The services it offers other features, each made from its state when the room starts (see services/). */
  provides?: readonly ServiceBinding<S>[];
  /** The services it asks of other features (`context.service(key)`). */
  uses?: readonly ServiceKey<unknown>[];
  /**
   * Notices from outside the room, by name: what another Durable Object tells this room through
   * `RoomDurableObject.notify(feature, notice, payload)` (a party: who its members are now). The payload comes from
   * the worker's own code, not from a client.
   */
  notices?: { readonly [notice: string]: (context: FeatureContext<S>, payload: unknown) => void | Promise<void> };
}

export interface ServerFeature<F extends FeatureDefinition = FeatureDefinition, S = unknown> extends ServerFeatureParts<F, S> {
  readonly protocol: F;
}

/**
 * Any server feature, as the registry and the room hold them: the typed parts with their types erased (each
 * feature's handlers were checked against its own protocol definition by `defineServerFeature`).
 */
export interface AnyServerFeature {
  readonly protocol: FeatureDefinition;
  state?: (setup: FeatureSetup) => unknown;
  commands: { readonly [action: string]: CommandEntry<any, any, any> };
  channels: { readonly [channel: string]: ChannelEntry<any, any> };
  hooks?: FeatureHooks<any>;
  migrations?: readonly Migration[];
  provides?: readonly ServiceBinding[];
  uses?: readonly ServiceKey<unknown>[];
  notices?: { readonly [notice: string]: (context: FeatureContext<any>, payload: unknown) => void | Promise<void> };
}

export function defineServerFeature<const F extends FeatureDefinition, S = undefined>(
  protocol: F,
  parts: ServerFeatureParts<F, S>,
): ServerFeature<F, S> {
  return Object.freeze({ protocol, ...parts });
}
