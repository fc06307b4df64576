import { directoryStub } from "../directory/directory-durable-object.ts";
import { REPORT_EVERY_MS } from "../directory/directory-timing.ts";
import type { RoomFigures, RoomReport } from "../directory/room-report.ts";

/** What a report says of the room now (all but its code and version, which the reporter adds). */
export type RoomPicture = Omit<RoomReport, "code" | "version" | "figures" | "listed">;

export interface ReportedRoom {
  /** The room's code once known (stored at creation or first join), and whether it is listed publicly. */
  code(): string | undefined;
  listed(): boolean;
  picture(now: number): RoomPicture;
  /** The operators' figures now (ops/room-figures.ts). */
  figures(code: string): RoomFigures;
}

/**
 * A room's side of the directory: it reports what changed at once (a join, a leave, its loop starting or stopping),
 * so the lobby's counts are right within a second, and a heartbeat every REPORT_EVERY_MS while its loop runs, so the
 * directory can tell a room that died from one that is quiet. Reports are sent without waiting for an answer: a join
 * never waits on the directory, and an unreachable directory costs a log line, never a player. A private room
 * reports too, unlisted: its figures are the operators' (metrics cover every room), never in the public list.
 */
export class DirectoryReporter {
  /** When this object started: a restarted room's reports (a later boot) supersede its earlier ones. */
  private readonly boot: number;
  private seq = 0;
  private nextHeartbeatAt = 0;

  constructor(
    private readonly env: Env,
    private readonly room: ReportedRoom,
    private readonly now: () => number,
    private readonly log: (where: string, error: unknown) => void,
  ) {
    this.boot = now();
  }

  /** The room's report now (also the answer to a seat reservation); undefined while the room has no code yet. */
  report(): RoomReport | undefined {
    const code = this.room.code();
    if (code === undefined) return undefined;
    const now = this.now();
    this.nextHeartbeatAt = now + REPORT_EVERY_MS;
    return { code, listed: this.room.listed(), ...this.room.picture(now), version: { boot: this.boot, seq: ++this.seq }, figures: this.room.figures(code) };
  }

  /** Something the directory shows changed: tell it now. */
  changed(): void {
    try {
      const report = this.report();
      if (report) directoryStub(this.env).report(report).catch((error: unknown) => this.log("directory report", error));
    } catch (error) {
      // Reporting must never fail the join or leave that caused it.
      this.log("directory report", error);
    }
  }

  /** Once a step while the loop runs: a heartbeat when one is due. */
  heartbeat(now: number): void {
    if (now < this.nextHeartbeatAt) return;
    this.nextHeartbeatAt = now + REPORT_EVERY_MS;
    this.changed();
  }
}
