type Handlers<M> = { [K in keyof M]?: (event: M[K]) => void };

/**
 * Adds `handlers` (event type → listener) to `target`; the returned function removes every one of them, so a
 * controller's `dispose()` cannot forget one it added.
 */
export function listen(target: HTMLElement, handlers: Handlers<HTMLElementEventMap>): () => void;
export function listen(target: Window, handlers: Handlers<WindowEventMap>): () => void;
export function listen(target: EventTarget, handlers: Record<string, ((event: never) => void) | undefined>): () => void {
  const entries = Object.entries(handlers).filter((entry): entry is [string, (event: never) => void] => entry[1] !== undefined);
  for (const [type, listener] of entries) target.addEventListener(type, listener as EventListener);
  return () => {
    for (const [type, listener] of entries) target.removeEventListener(type, listener as EventListener);
  };
}
