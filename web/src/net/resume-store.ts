/**
 * The room's resume token, per tab and per room, in sessionStorage: a reload of this tab resumes the same session
 * (same player, same place, input numbering continued), while another tab starts its own.
 */
export interface ResumeStore {
  load(roomCode: string): string | undefined;
  save(roomCode: string, token: string, ttlSeconds: number): void;
  forget(roomCode: string): void;
}

const PREFIX = "edgehold.resume.";

export function sessionResumeStore(storage: Storage | undefined = globalThis.sessionStorage): ResumeStore {
  return {
    load(roomCode) {
      const raw = safe(() => storage?.getItem(PREFIX + roomCode));
      if (!raw) return undefined;
      const [token, expires] = raw.split(" ");
      if (!token || !(Number(expires) > Date.now())) return undefined;
      return token;
    },
    save(roomCode, token, ttlSeconds) {
      safe(() => storage?.setItem(PREFIX + roomCode, `${token} ${Date.now() + ttlSeconds * 1000}`));
    },
    forget(roomCode) {
      safe(() => storage?.removeItem(PREFIX + roomCode));
    },
  };
}

/** Storage throws in some privacy modes; a missing token only means a fresh join. */
function safe<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}
