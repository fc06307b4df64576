import type { PartyFrameMember } from "./party-hud-state.ts";

/** The party frame: one HP bar per member in the room (seed 002's ally gauges), from the `party` channel. */
export function PartyFrame({ members }: { members: readonly PartyFrameMember[] }) {
  if (members.length === 0) return null;
  return (
    <ol className="party-frame" data-testid="party-frame" aria-label="party members">
      {members.map((member) => {
        const share = member.maxHp > 0 ? Math.max(0, Math.min(1, member.hp / member.maxHp)) : 0;
        return (
          <li key={member.entityId} className={`party-member${member.self ? " self" : ""}`} data-testid="party-member" data-name={member.name} data-hp={member.hp}>
            <span className="party-member-name">{member.name}</span>
            <span className="party-hp" role="meter" aria-valuemin={0} aria-valuemax={member.maxHp} aria-valuenow={member.hp} title={`${member.hp} / ${member.maxHp}`}>
              <span className="party-hp-fill" style={{ width: `${Math.round(share * 100)}%` }} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
