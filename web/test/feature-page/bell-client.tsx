import { createElement, useSyncExternalStore } from "react";
import { defineClientFeature } from "../../src/features/client-feature.ts";
import type { FeatureController, FeatureSession } from "../../src/features/feature-session.ts";
import { localState } from "../../src/features/local-state.ts";
import { ExternalStore } from "../../src/hud/external-store.ts";
import { BELL_KEY, bellFeature, type BellDebug } from "./bell-protocol.ts";

/** This room's bell log: written by the controller (rings) and the feature's error handler (answers). */
const bellLogKey = localState(() => new ExternalStore<BellDebug>({ rung: [], answers: [] }));

function BellHud({ log }: { log: ExternalStore<BellDebug> }) {
  const { rung, answers } = useSyncExternalStore(log.subscribe, log.getSnapshot);
  const last = answers[answers.length - 1];
  return (
    <div className="hud-chip bell-hud" data-testid="bell-hud" style={{ position: "absolute", top: 48, left: 10 }}>
      bell: {rung.length === 0 ? "press P" : `rang #${rung[rung.length - 1]}`}
      {last && <span data-testid="bell-answer"> · room: {last.code} for #{last.seq}</span>}
    </div>
  );
}

class BellController implements FeatureController {
  readonly hud;
  private readonly log: ExternalStore<BellDebug>;

  constructor(private readonly session: FeatureSession<typeof bellFeature>) {
    this.log = session.net.local(bellLogKey);
    this.hud = createElement(BellHud, { log: this.log });
  }

  key(code: string): boolean {
    if (code !== BELL_KEY) return false;
    const seq = this.session.send("ring", { times: 1 });
    if (seq !== undefined) {
      const state = this.log.getSnapshot();
      this.log.publish({ ...state, rung: [...state.rung, seq] });
    }
    return true;
  }

  debug(): BellDebug {
    return this.log.getSnapshot();
  }

  dispose(): void {}
}

/** The bell on the page: a HUD chip, the P key, and the room's answer to each ring (by its seq). */
export const bellClient = defineClientFeature(bellFeature, {
  events: {},
  channels: {},
  error: (error, seq, context) => {
    const log = context.local(bellLogKey);
    const state = log.getSnapshot();
    if (seq === undefined || !state.rung.includes(seq)) return false;
    log.publish({ ...state, answers: [...state.answers, { code: error.code, seq }] });
    return true;
  },
  controller: (session) => new BellController(session),
});
