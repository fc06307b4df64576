import type { ResumeStore } from "../../src/net/resume-store.ts";

/** A ResumeStore in memory, recording what was saved. */
export class MemoryResumeStore implements ResumeStore {
  readonly tokens = new Map<string, string>();

  load(roomCode: string): string | undefined {
    return this.tokens.get(roomCode);
  }

  save(roomCode: string, token: string): void {
    this.tokens.set(roomCode, token);
  }

  forget(roomCode: string): void {
    this.tokens.delete(roomCode);
  }
}
