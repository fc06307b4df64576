import { createProtocol, type FeatureList, type MovementInput, type Protocol } from "@edgehold/protocol";
import type { CommandOutcome, PlayerConnection, RoomContext } from "../features/room-context.ts";
import type { AnyServerFeature, Arrival, CommandContext, CommandEntry, FeatureContext, FeatureSetup, Refusal } from "../features/server-feature.ts";
import type { ServiceKey } from "../features/services/define-service.ts";
import type { MigrationSet } from "../storage/migrations.ts";
import type { SqlExec } from "../storage/rows-written.ts";
import type { AnyChannelInterest } from "./interest/channel-interest.ts";
import type { PlayerEntity, RoomWorld } from "./room-world.ts";

/** A snapshot channel as the publisher sees it: a name and its entities now. */
export interface CollectedChannel {
  readonly name: string;
  /** Entity id → flat fields (primitive values: the diff compares them with `!==`). */
  collect(): ReadonlyMap<string, object>;
  /** Goes up when the channel changes (see ChannelEntry); absent: diffed every snapshot tick. */
  version?(): number;
  /** The ids changed after `version` (see ChannelEntry.changedSince). */
  changedSince?(version: number): Iterable<string> | undefined;
  /** How a room with an interest radius filters it (see ChannelInterest); absent: sent whole. */
  readonly interest?: AnyChannelInterest;
  /** Only connections whose view asks for it get any of it (SnapshotView.selectScoped; see ChannelEntry). */
  readonly scoped?: boolean;
}

/** A routed command: the outcome, and whether an accepted one is answered with an `ack`. */
export interface Dispatched {
  outcome: CommandOutcome | Promise<CommandOutcome>;
  ack: boolean;
}

interface Route {
  handle(context: CommandContext<unknown>, command: unknown): CommandOutcome | Promise<CommandOutcome>;
  ack: boolean;
  context: FeatureContext<unknown>;
}

/**
 * A room's features, running: their state, the services they offer each other, the command routes (feature →
 * action → handler), their snapshot channels in registry order, and their hooks.
 */
export class RoomFeatures {
  readonly channels: readonly CollectedChannel[];
  private readonly routes = new Map<string, Map<string, Route>>();
  private readonly contexts: { feature: AnyServerFeature; context: FeatureContext<unknown> }[] = [];
  /** Service name → its provider's implementation (bound once every feature's state exists). */
  private readonly services = new Map<string, unknown>();

  constructor(
    readonly list: readonly AnyServerFeature[],
    room: RoomContext,
    setup: FeatureSetup,
  ) {
    const channels: CollectedChannel[] = [];
    for (const feature of list) {
      const state = feature.state?.(setup);
      const context: FeatureContext<unknown> = Object.assign(Object.create(room) as RoomContext, { state, service: this.serviceFor(feature) });
      this.contexts.push({ feature, context });
      this.bindServices(feature, state);
      const actions = new Map<string, Route>();
      for (const [action, entry] of Object.entries(feature.commands) as [string, CommandEntry<never, never, unknown>][]) {
        const route = typeof entry === "function" ? { handle: entry, ack: true } : { handle: entry.handle, ack: !entry.ackedBySnapshot };
        actions.set(action, { ...(route as Omit<Route, "context">), context });
      }
      this.routes.set(feature.protocol.name, actions);
      for (const [name, entry] of Object.entries(feature.channels)) {
        if (typeof entry === "function") channels.push({ name, collect: () => entry(context) });
        else {
          const { version, changedSince, interest, scoped } = entry;
          channels.push({
            name,
            collect: () => entry.collect(context),
            ...(version ? { version: () => version(context) } : {}),
            ...(version && changedSince ? { changedSince: (since: number) => changedSince(context, since) } : {}),
            ...(interest ? { interest: interest as AnyChannelInterest } : {}),
            ...(scoped ? { scoped } : {}),
          });
        }
      }
    }
    this.channels = channels;
  }

  /** The wire protocol of a feature list: its parser and codec (the built-in list plus, say, a test's feature). */
  static protocol(list: readonly AnyServerFeature[]): Protocol<FeatureList> {
    return createProtocol(list.map((feature) => feature.protocol));
  }

  /** Every feature's migrations, each feature's under its own name (storage/migrations.ts). */
  static migrations(list: readonly AnyServerFeature[]): MigrationSet[] {
    return list.flatMap((feature) => (feature.migrations ? [{ owner: feature.protocol.name, migrations: feature.migrations }] : []));
  }

  /** Two features offering one service would leave one of them unheard: refused when the room starts. */
  private bindServices(feature: AnyServerFeature, state: unknown): void {
    for (const { key, implement } of feature.provides ?? []) {
      if (this.services.has(key.name)) throw new Error(`two features provide service "${key.name}"`);
      this.services.set(key.name, implement(state));
    }
  }

  /** `context.service` of one feature: the services it declared in `uses`, and no others. */
  private serviceFor(feature: AnyServerFeature): <T>(key: ServiceKey<T>) => T | undefined {
    const uses = new Set(feature.uses?.map((key) => key.name));
    return <T>(key: ServiceKey<T>) => {
      if (!uses.has(key.name)) throw new Error(`${feature.protocol.name} uses service "${key.name}" without declaring it in \`uses\``);
      return this.services.get(key.name) as T | undefined;
    };
  }

  /** Routes a validated command to its feature's handler. */
  dispatch(command: { feature: string; action: string }, player: PlayerEntity, connection: PlayerConnection): Dispatched {
    const route = this.routes.get(command.feature)?.get(command.action);
    // Unreachable: this room's parser only lets its features' commands through.
    if (!route) throw new Error(`no handler for ${command.feature}.${command.action}`);
    const context: CommandContext<unknown> = Object.assign(Object.create(route.context) as FeatureContext<unknown>, { player, connection });
    return { outcome: route.handle(context, command), ack: route.ack };
  }

  /** The first feature's refusal of a join by `playerId` (a ban), or undefined: admit. */
  admit(playerId: string): Refusal | undefined {
    for (const { feature, context } of this.contexts) {
      const refusal = feature.hooks?.admit?.(context, playerId);
      if (refusal) return refusal;
    }
    return undefined;
  }

  join(arrival: Arrival): void {
    for (const { feature, context } of this.contexts) feature.hooks?.join?.(context, arrival);
  }

  /** How long (ms) `player`'s body stays after their last connection went: the longest any feature asks (0: none). */
  lingerMs(player: PlayerEntity): number {
    let ms = 0;
    for (const { feature, context } of this.contexts) ms = Math.max(ms, feature.hooks?.linger?.(context, player) ?? 0);
    return ms;
  }

  /** Before the player's body leaves the world. A feature that fails is logged: the player must leave regardless. */
  leaving(player: PlayerEntity): void {
    for (const { feature, context } of this.contexts) {
      try {
        feature.hooks?.leaving?.(context, player);
      } catch (error) {
        context.log(`${feature.protocol.name} leaving`, error);
      }
    }
  }

  leave(player: PlayerEntity, reason: string): void {
    for (const { feature, context } of this.contexts) feature.hooks?.leave?.(context, player, reason);
  }

  input(player: PlayerEntity, input: MovementInput, catchUp: boolean): void {
    for (const { feature, context } of this.contexts) feature.hooks?.input?.(context, player, input, catchUp);
  }

  flooded(player: PlayerEntity, now: number): void {
    for (const { feature, context } of this.contexts) feature.hooks?.flooded?.(context, player, now);
  }

  beforeStep(): void {
    for (const { feature, context } of this.contexts) feature.hooks?.beforeStep?.(context);
  }

  tick(): void {
    for (const { feature, context } of this.contexts) feature.hooks?.tick?.(context);
  }

  /** Every feature's `clear` of `playerId`: how many things went in all. */
  clear(playerId: string): number {
    let removed = 0;
    for (const { feature, context } of this.contexts) removed += feature.hooks?.clear?.(context, playerId) ?? 0;
    return removed;
  }

  /**
   * A notice from outside the room (another Durable Object: a party telling its members' rooms who they are) for
   * `feature`'s handler of it (ServerFeatureParts.notices). False when no feature of this room handles it.
   */
  async notify(feature: string, notice: string, payload: unknown): Promise<boolean> {
    const entry = this.contexts.find((c) => c.feature.protocol.name === feature);
    const handler = entry?.feature.notices?.[notice];
    if (!entry || !handler) return false;
    await handler(entry.context, payload);
    return true;
  }

  checkpoint(): void {
    for (const { feature, context } of this.contexts) feature.hooks?.checkpoint?.(context);
  }
}
