/**
 * Services between features: what one feature offers the others, declared by name and interface, so a feature
 * that needs another's help asks the room for the service (`context.service(key)`) instead of importing the other
 * feature's internals. The provider lists it in `provides`, the user in `uses`; the room binds them when it starts
 * (one provider per service; a room whose kind runs without the provider answers undefined, and the user carries
 * on without it). The contracts live in this folder, owned by neither side.
 */

declare const serviceType: unique symbol;

/** A service's name and (for the type checker only) its interface. */
export interface ServiceKey<T> {
  readonly name: string;
  readonly [serviceType]?: T;
}

export function defineService<T>(name: string): ServiceKey<T> {
  return Object.freeze({ name });
}

/** A service a feature provides, and how its implementation is made from the feature's state when the room starts. */
export interface ServiceBinding<S = any> {
  readonly key: ServiceKey<unknown>;
  implement(state: S): unknown;
}

export function provide<T, S>(key: ServiceKey<T>, implement: (state: S) => T): ServiceBinding<S> {
  return { key, implement };
}
