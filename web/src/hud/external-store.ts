import { notifyOutsideFrame } from "../loop/outside-frame.ts";

/**
 * A tiny external store for React's useSyncExternalStore: the game loop publishes a fresh immutable value a few
 * times a second, and only then does React re-render. The 60 Hz loop never touches React state directly, and a
 * value published during a frame reaches React in a task after it (outside-frame.ts): React renders between frames.
 */
export class ExternalStore<T> {
  private state: T;
  private readonly listeners = new Set<() => void>();

  constructor(initial: T) {
    this.state = initial;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): T => this.state;

  publish(state: T): void {
    this.state = state;
    notifyOutsideFrame(this.notify);
  }

  private readonly notify = (): void => {
    for (const listener of this.listeners) listener();
  };
}
