import { channel, defineFeature, event, inputFields } from "../define-feature.ts";
import type { CombatFields, DeathEventPayload, FireFields, HitEventPayload, ProjectileFields, RespawnEventPayload } from "./combat-types.ts";
import { parseFireFields } from "./combat-validators.ts";
import { combatRecord, packCombat, unpackCombat } from "./combat-wire.ts";
import { packProjectiles, unpackProjectiles } from "./projectile-wire.ts";

/**
 * Combat: firing rides the step inputs (`fire`, `aimX`, `aimY`, `viewTime`, declared here: the client predicts its
 * shot at that step), so the feature takes no commands. Channels `projectile` (what flies) and `combat` (hp, stamina, score);
 * events `hit`, `death`, `respawn` to everyone. Both channels are packed compactly in binary mode (see the -wire files).
 */
export const combatFeature = defineFeature("combat", {
  commands: {},
  events: { hit: event<HitEventPayload>(), death: event<DeathEventPayload>(), respawn: event<RespawnEventPayload>() },
  channels: {
    projectile: channel<ProjectileFields>({ binary: { pack: packProjectiles, unpack: unpackProjectiles } }),
    combat: channel<CombatFields>({ binary: { pack: packCombat, unpack: unpackCombat, record: combatRecord } }),
  },
  input: inputFields<FireFields>(["fire", "aimX", "aimY", "viewTime"], parseFireFields),
});
