import { isPlainObject } from "../guards.ts";

/**
 * The protocol half of a feature: its command names with their payload validators, its event names with their
 * payload types, its snapshot channels with their field shapes, the fields it adds to each step input and its error
 * codes. Everything the rest of the protocol lists (Feature, Action, COMMANDS, Channel, EventAction, ErrorCode, the
 * step input, the message unions, the parser's dispatch table, the binary channel codecs) is derived from these
 * definitions: adding a feature is a folder plus its line in registry.ts.
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
  /**
   * One entity's record, for a form whose records stand alone (movement, combat): the packed form of a patch with a
   * `set` is then `{ p: its records concatenated, in any order, ...pack({ remove }) }`. Lets a room encode an
   * entity once per snapshot tick for every connection that gets it (snapshot-assembly.ts). Undefined: this entity
   * cannot travel as a record (the patch goes through `pack`).
   */
  record?(id: string, fields: Partial<F>): Uint8Array | undefined;
}

/** A snapshot channel: entity id → flat fields of shape F. */
export interface ChannelSpec<F extends object = object> {
  readonly [fieldsType]?: F;
  readonly binary?: ChannelBinaryCodec<F>;
}

/** What every step input carries, whatever the features: its seq (see InputOf). */
export interface SequencedInput {
  /** Monotonic per player and kept across resume: snapshots acknowledge inputs by it (`ackInputSeq`). */
  seq: number;
}

/**
 * The fields a feature adds to each step input (the inputs of `movement.input_batch`, applied one per simulation
 * step): movement its keys, build a `build` action, combat `fire` and its aim. `parse` reads them from one untrusted
 * input (`at` names it in messages, e.g. "payload.inputs[2]") and returns the typed fields to copy onto the parsed
 * input (`{}` when it carries none of them), or a message naming the bad field. `keys`: the input keys it reads; two
 * features may not claim one.
 */
export interface InputFieldsSpec<T extends object = object> {
  readonly keys: readonly string[];
  parse(input: Record<string, unknown>, at: string): T | string;
}

declare const restType: unique symbol;

/**
 * A command that carries step inputs (movement's `input_batch`). Its validator is made, for each feature list, from
 * the input fields every feature of the list declares (`compose`), so the command's owner knows none of them; its
 * payload type is `{ inputs: InputOf<list>[] }` plus `Rest`, the command's own other fields.
 */
export interface InputCommandSpec<Rest extends object = object> {
  readonly compose: (fields: readonly InputFieldsSpec[]) => PayloadValidator<Rest & { inputs: SequencedInput[] }>;
  readonly [restType]?: Rest;
}

export type CommandSpecs = { readonly [action: string]: CommandSpec | InputCommandSpec };
/** Error code → what it means. Codes are wire names like any other (`build_rejected`); `ErrorCode` lists them all. */
export type ErrorSpecs = { readonly [code: string]: string };
export type EventSpecs = { readonly [action: string]: EventSpec };
export type ChannelSpecs = { readonly [channel: string]: ChannelSpec };

export interface FeatureDefinition<
  Name extends string = string,
  Commands extends CommandSpecs = CommandSpecs,
  Events extends EventSpecs = EventSpecs,
  Channels extends ChannelSpecs = ChannelSpecs,
  Input extends object = object,
  Errors extends ErrorSpecs = ErrorSpecs,
> {
  readonly name: Name;
  readonly commands: Commands;
  readonly events: Events;
  readonly channels: Channels;
  /** What it adds to each step input (none: undefined). */
  readonly input: InputFieldsSpec<Input> | undefined;
  /** The error codes its refusals carry, beside the room's own (constants.ts CoreErrorCode). */
  readonly errors: Errors;
}

/** The parts of a feature; `input` and `errors` only for features that have them. */
export interface FeatureParts<Commands, Events, Channels, Input extends object, Errors> {
  commands: Commands;
  events: Events;
  channels: Channels;
  input?: InputFieldsSpec<Input>;
  errors?: Errors;
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
  Input extends object = {},
  const Errors extends ErrorSpecs = {},
>(name: Name, parts: FeatureParts<Commands, Events, Channels, Input, Errors>): FeatureDefinition<Name, Commands, Events, Channels, Input, Errors> {
  const errors = parts.errors ?? ({} as Errors);
  const names = [name, ...Object.keys(parts.commands), ...Object.keys(parts.events), ...Object.keys(parts.channels), ...Object.keys(errors)];
  for (const each of names) {
    if (!WIRE_NAME_PATTERN.test(each)) throw new Error(`feature "${name}": "${each}" is not a snake_case wire name`);
  }
  return Object.freeze({ name, commands: parts.commands, events: parts.events, channels: parts.channels, input: parts.input, errors });
}

export function command<P extends object | undefined>(validate: PayloadValidator<P>): CommandSpec<P> {
  return { validate };
}

/** A command carrying step inputs; `compose` makes its validator from the list's input fields (see InputCommandSpec). */
export function inputCommand<Rest extends object>(
  compose: (fields: readonly InputFieldsSpec[]) => PayloadValidator<Rest & { inputs: SequencedInput[] }>,
): InputCommandSpec<Rest> {
  return { compose };
}

/** The fields a feature adds to each step input, read from `keys` by `parse` (see InputFieldsSpec). */
export function inputFields<T extends object>(
  keys: readonly (keyof T & string)[],
  parse: (input: Record<string, unknown>, at: string) => T | string,
): InputFieldsSpec<T> {
  return { keys, parse };
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
