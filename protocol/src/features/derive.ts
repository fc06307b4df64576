import type { Kind, PROTOCOL_VERSION } from "../constants.ts";
import type {
  ChannelBinaryCodec,
  ChannelPatch,
  ChannelSpec,
  CommandSpec,
  EventSpec,
  FeatureDefinition,
  InputCommandSpec,
  InputFieldsSpec,
  SequencedInput,
} from "./define-feature.ts";

/**
 * Everything a list of feature definitions implies, as types (message unions, payload types, name constants) and
 * as run-time tables (the parser's dispatch table, the name constants, the binary channel codecs).
 */

export type FeatureList = readonly FeatureDefinition[];

type Names<R> = Extract<keyof R, string>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** `input_batch` → `inputBatch`: the key of a wire name in the constant objects (`Action.inputBatch`). */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** A command's payload type; `I`: the step input of the feature list (for a command that carries inputs). */
export type PayloadOf<S, I = SequencedInput> =
  S extends InputCommandSpec<infer Rest> ? Simplify<Rest & { inputs: I[] }> : S extends CommandSpec<infer P> ? P : never;
export type EventPayloadOf<S> = S extends EventSpec<infer P> ? P : never;
export type FieldsOf<S> = S extends ChannelSpec<infer F> ? F : never;

// -- the step input -----------------------------------------------------------------------------------------------

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The fields one feature adds to each step input (none: `{}`). */
export type InputFieldsOf<F> = F extends { readonly input: InputFieldsSpec<infer T> | undefined } ? T : {};

/**
 * One step input of a feature list: its seq and every field any feature of the list declares (movement's keys,
 * build's `build`, combat's `fire` and aim, …). The built-in list's is `MovementInput`.
 */
export type InputOf<Fs extends FeatureList> = Simplify<SequencedInput & UnionToIntersection<InputFieldsOf<Fs[number]>>>;

// -- messages ---------------------------------------------------------------------------------------------------

/**
 * A validated command envelope. A validator that always yields `undefined` means no payload; one that may yield it
 * means an optional payload (the parser omits the key when the validator returns `undefined`).
 */
export type CommandMessage<F extends string, A extends string, P> = Simplify<
  {
    v: typeof PROTOCOL_VERSION;
    kind: typeof Kind.command;
    seq: number;
    feature: F;
    action: A;
    clientTime?: number;
  } & ([P] extends [undefined]
    ? { payload?: Record<string, never> }
    : undefined extends P
      ? { payload?: Exclude<P, undefined> }
      : { payload: P })
>;

export type EventMessageOf<F extends string, A extends string, P> = {
  v: typeof PROTOCOL_VERSION;
  kind: typeof Kind.event;
  feature: F;
  action: A;
  payload: P;
};

type CommandsOf<F extends FeatureDefinition, I> = {
  [A in Names<F["commands"]>]: CommandMessage<F["name"], A, PayloadOf<F["commands"][A], I>>;
}[Names<F["commands"]>];

type EventsOf<F extends FeatureDefinition> = {
  [A in Names<F["events"]>]: EventMessageOf<F["name"], A, EventPayloadOf<F["events"][A]>>;
}[Names<F["events"]>];

/** Every command a client may send to these features, discriminated by `feature` and `action`. */
export type CommandUnion<Fs extends FeatureList> = Fs[number] extends infer F ? (F extends FeatureDefinition ? CommandsOf<F, InputOf<Fs>> : never) : never;

/** Every event these features send. */
export type EventUnion<Fs extends FeatureList> = Fs[number] extends infer F ? (F extends FeatureDefinition ? EventsOf<F> : never) : never;

/** The command of one feature and action, e.g. `CommandOf<typeof FEATURES, "movement", "input_batch">`. */
export type CommandOf<Fs extends FeatureList, F extends string, A extends string> = Extract<CommandUnion<Fs>, { feature: F; action: A }>;

/** The event of one feature and action. */
export type EventOf<Fs extends FeatureList, F extends string, A extends string> = Extract<EventUnion<Fs>, { feature: F; action: A }>;

type ChannelEntries<Fs extends FeatureList> = Fs[number] extends infer F
  ? F extends FeatureDefinition
    ? { [C in Names<F["channels"]>]: [C, FieldsOf<F["channels"][C]>] }[Names<F["channels"]>]
    : never
  : never;

/** The `features` map of a snapshot: channel → patch of that channel's fields. */
export type SnapshotChannelsOf<Fs extends FeatureList> = { [E in ChannelEntries<Fs> as E[0]]?: ChannelPatch<E[1]> };

// -- names --------------------------------------------------------------------------------------------------------

export type FeatureNameOf<Fs extends FeatureList> = Fs[number]["name"];
export type ActionNameOf<Fs extends FeatureList> = CommandUnion<Fs>["action"];
export type EventActionNameOf<Fs extends FeatureList> = EventUnion<Fs>["action"];
export type ChannelNameOf<Fs extends FeatureList> = ChannelEntries<Fs>[0];
/** The error codes the features of a list declare. */
export type ErrorCodeNameOf<Fs extends FeatureList> = Fs[number] extends infer F ? (F extends FeatureDefinition ? Names<F["errors"]> : never) : never;

/** `{ inputBatch: "input_batch", … }` for a union of wire names. */
export type NameConstants<N extends string> = { readonly [K in N as CamelCase<K>]: K };

/** Feature → its command actions, for the features that take commands. */
export type CommandTableOf<Fs extends FeatureList> = {
  readonly [F in Fs[number] as [Names<F["commands"]>] extends [never] ? never : F["name"]]: readonly Names<F["commands"]>[];
};

export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** The constant object of a set of wire names: `{ inputBatch: "input_batch" }`. */
export function nameConstants<N extends string>(names: Iterable<N>): NameConstants<N> {
  const out: Record<string, string> = {};
  for (const name of names) out[camelCase(name)] = name;
  return Object.freeze(out) as NameConstants<N>;
}

export const featureNames = <Fs extends FeatureList>(features: Fs): FeatureNameOf<Fs>[] => features.map((f) => f.name);
export const actionNames = <Fs extends FeatureList>(features: Fs) =>
  features.flatMap((f) => Object.keys(f.commands)) as ActionNameOf<Fs>[];
export const eventActionNames = <Fs extends FeatureList>(features: Fs) =>
  features.flatMap((f) => Object.keys(f.events)) as EventActionNameOf<Fs>[];
export const channelNames = <Fs extends FeatureList>(features: Fs) =>
  features.flatMap((f) => Object.keys(f.channels)) as ChannelNameOf<Fs>[];
export const errorCodeNames = <Fs extends FeatureList>(features: Fs) =>
  features.flatMap((f) => Object.keys(f.errors)) as ErrorCodeNameOf<Fs>[];

/** The input fields of every feature that declares some, in list order: what an input-carrying command parses. */
export function inputFieldSpecs(features: FeatureList): InputFieldsSpec[] {
  return features.flatMap((f) => (f.input ? [f.input] : []));
}

export function commandTable<Fs extends FeatureList>(features: Fs): CommandTableOf<Fs> {
  const out: Record<string, readonly string[]> = {};
  for (const feature of features) {
    const actions = Object.keys(feature.commands);
    if (actions.length > 0) out[feature.name] = Object.freeze(actions);
  }
  return Object.freeze(out) as CommandTableOf<Fs>;
}

/** How the parser finds a command's validator: feature → action → spec (features without commands are absent). */
export type CommandRoutes = ReadonlyMap<string, ReadonlyMap<string, CommandSpec>>;

/**
 * Feature → action → validator. A command that carries step inputs gets its validator made from this list's input
 * fields, so a feature that adds one (a test's, say) is parsed by every parser built with it.
 */
export function commandRoutes(features: FeatureList): CommandRoutes {
  const fields = inputFieldSpecs(features);
  const routes = new Map<string, ReadonlyMap<string, CommandSpec>>();
  for (const feature of features) {
    const actions = new Map<string, CommandSpec>();
    for (const [action, spec] of Object.entries(feature.commands)) actions.set(action, "compose" in spec ? { validate: spec.compose(fields) } : spec);
    if (actions.size > 0) routes.set(feature.name, actions);
  }
  return routes;
}

/**
 * Throws on two features of one name, two of one channel, two claiming one input key or one error code: the wire
 * could not tell them apart.
 */
export function assertDistinct(features: FeatureList): void {
  assertUnique(featureNames(features), (name) => `two features are named "${name}"`);
  assertUnique(channelNames(features), (name) => `two features define snapshot channel "${name}"`);
  // `seq` is every input's own (the input-carrying command reads it), so no feature may claim it either.
  assertUnique(["seq", ...inputFieldSpecs(features).flatMap((spec) => spec.keys)], (key) => `two features read input key "${key}"`);
  assertUnique(errorCodeNames(features), (code) => `two features declare error code "${code}"`);
}

function assertUnique(names: readonly string[], clash: (name: string) => string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(clash(name));
    seen.add(name);
  }
}

/** Channel → its binary codec, for the channels that have one (the rest travel in their logical shape). */
export type ChannelCodecs = ReadonlyMap<string, ChannelBinaryCodec<object>>;

export function binaryChannelCodecs(features: FeatureList): ChannelCodecs {
  const out = new Map<string, ChannelBinaryCodec<object>>();
  for (const feature of features) {
    for (const [name, spec] of Object.entries(feature.channels)) if (spec.binary) out.set(name, spec.binary as ChannelBinaryCodec<object>);
  }
  return out;
}
