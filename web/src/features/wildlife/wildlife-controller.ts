import { Channel, type CombatFields } from "@edgehold/protocol";
import type { CreatureView } from "../../render/world-view.ts";
import type { FeatureController, FeatureSession } from "../feature-session.ts";
import { CreatureLayer } from "./creature-layer.ts";
import type { WildlifeDebug } from "./wildlife-debug.ts";
import type { wildlifeFeature } from "@edgehold/protocol";

/**
 * The room's creatures on the page: every entity whose presence says `kind: "creature"`, drawn by species where the
 * others are drawn (between snapshots), with its name, lying on its side while dead. Each frame it writes them into
 * the view's `creatures` (before combat puts HP bars over them).
 */
export class WildlifeController implements FeatureController {
  private readonly layer: CreatureLayer;
  private readonly drawn: CreatureView[] = [];

  constructor(private readonly session: FeatureSession<typeof wildlifeFeature>) {
    this.layer = new CreatureLayer(session.webgl);
    session.addLayer(this.layer.root);
  }

  frame(): void {
    const { frame, view, net } = this.session;
    const combat = net.replica.get(Channel.combat);
    view.creatures.clear();
    this.drawn.length = 0;
    // forEach, not for…of entries: every frame, over every drawn entity; an entry pair each would be garbage.
    frame.sampled.forEach((state, id) => {
      const who = frame.presence.get(id);
      if (who?.kind !== "creature") return;
      const species = who.species ?? "other";
      // Life is the combat channel's (the wire contract): an entry saying `alive: false` is a dead creature.
      const alive = (combat?.get(id) as Partial<CombatFields> | undefined)?.alive !== false;
      const creature = { id, species, name: who.name, x: state.x, y: state.y, vx: state.vx, vy: state.vy, alive, labelHeight: this.layer.labelHeight(species) };
      view.creatures.set(id, creature);
      this.drawn.push(creature);
    });
    this.layer.sync(this.drawn, this.session.camera().quaternion);
  }

  debug(): WildlifeDebug {
    return { creatures: this.drawn.map(({ id, species, name, x, y, alive }) => ({ id, species, name, x, y, alive })) };
  }

  dispose(): void {
    this.layer.dispose();
  }
}
