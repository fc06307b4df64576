import { isPlainObject } from "../guards.ts";

/**
 * The protocol half of a feature: its command names with their payload validators, its event names with their
 * payload types, and its snapshot channels with their field shapes. Everything the rest of the protocol lists
 * (Feature, Action, COMMANDS, Channel, EventAction, the message unions, the parser's dispatch table, the binary
 * channel codecs) is derived from these definitions: adding a feature is a folder plus one line in registry.ts.
 */

/** Untrusted payload in; the typed payload out, or a message naming what is wrong (sent back as invalid_payload). */
export type PayloadValidator<P extends object | undefined> = (payload: unknown) => P | string;

/** A command a client may send. A validator that returns `undefined` means the command carries no payload. */
export interface CommandSpec<P extends object | undefined = object | undefined> {
  readonly validate: PayloadValidator<P>;
}

/**
 * Phantom slots: event and channel specs carry their payload/field types for the type checker only. At run time
 * they are `{}` (plus a binary codec for channels that have one).
 */
declare const payloadType: unique symbol;
declare const fieldsType: unique symbol;

/** An event the server sends (`kind: "event"`), with its payload type. */
export interface EventSpec<P extends object = object> {
  readonly [payloadType]?: P;
}

/** A patch of one snapshot channel: `set` maps entity id → fields (all of them in full mode), `remove` drops ids. */
export interface ChannelPatch<F> {
  set?: Record<string, Partial<F>>;
  remove?: string[];
}

/**
 * A compact binary form of a channel for msgpack connections. `pack` runs on the server, `unpack` on clients
 * (which then see the logical ChannelPatch again). `unpack` throws on bytes it cannot read.
 */
export interface ChannelBinaryCodec<F> {
  pack(patch: ChannelPatch<F>): unknown;
  unpack(packed: unknown): ChannelPatch<F>;
}

/** A snapshot channel: entity id → flat fields of shape F. */
export interface ChannelSpec<F extends object = object> {
  readonly [fieldsType]?: F;
  readonly binary?: ChannelBinaryCodec<F>;
}

export type CommandSpecs = { readonly [action: string]: CommandSpec };
export type EventSpecs = { readonly [action: string]: EventSpec };
export type ChannelSpecs = { readonly [channel: string]: ChannelSpec };

export interface FeatureDefinition<
  Name extends string = string,
  Commands extends CommandSpecs = CommandSpecs,
  Events extends EventSpecs = EventSpecs,
  Channels extends ChannelSpecs = ChannelSpecs,
> {
  readonly name: Name;
  readonly commands: Commands;
  readonly events: Events;
  readonly channels: Channels;
}

/**
 * Wire names (features, actions, events, channels): lower snake case, as every existing name is. The camelCase
 * constant keys (`Action.inputBatch`) are derived from them, so they must convert one way only.
 */
export const WIRE_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

export function defineFeature<
  const Name extends string,
  const Commands extends CommandSpecs,
  const Events extends EventSpecs,
  const Channels extends ChannelSpecs,
>(name: Name, parts: { commands: Commands; events: Events; channels: Channels }): FeatureDefinition<Name, Commands, Events, Channels> {
  const names = [name, ...Object.keys(parts.commands), ...Object.keys(parts.events), ...Object.keys(parts.channels)];
  for (const each of names) {
    if (!WIRE_NAME_PATTERN.test(each)) throw new Error(`feature "${name}": "${each}" is not a snake_case wire name`);
  }
  return Object.freeze({ name, commands: parts.commands, events: parts.events, channels: parts.channels });
}

export function command<P extends object | undefined>(validate: PayloadValidator<P>): CommandSpec<P> {
  return { validate };
}

export function event<P extends object>(): EventSpec<P> {
  return {};
}

export function channel<F extends object>(options: { binary?: ChannelBinaryCodec<F> } = {}): ChannelSpec<F> {
  return options.binary ? { binary: options.binary } : {};
}

/** The validator of a command without a payload: none, null or any map (its keys ignored, nothing copied through). */
export function parseEmpty(payload: unknown): undefined | string {
  if (payload === undefined || payload === null) return undefined;
  if (isPlainObject(payload)) return undefined;
  return "payload must be empty";
}
