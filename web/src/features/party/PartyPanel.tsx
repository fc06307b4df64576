import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { normaliseRoomCode, type MyParty, type PartySummonPayload } from "@edgehold/protocol";
import type { Identity } from "../../identity/identity-context.tsx";
import { partyApi } from "./party-api.ts";
import type { RosterEntry } from "./party-hud-state.ts";

export interface PartyPanelProps {
  identity: Identity;
  mine: MyParty;
  error: string | undefined;
  act(request: () => Promise<unknown>): Promise<void>;
  roster: readonly RosterEntry[];
  selfPlayerId: string | undefined;
  /** The newest summon: from the room's `party.summon` event, or the REST `summon`. */
  summon: PartySummonPayload | undefined;
}

/** The party panel: create, invite (from the room's players or by id), accept invites, leave, kick; a summon's offer. */
export function PartyPanel({ identity, mine, error, act, roster, selfPlayerId, summon }: PartyPanelProps) {
  const [open, setOpen] = useState(false);
  const [inviteId, setInviteId] = useState("");
  const navigate = useNavigate();
  // The room this panel is in: named when forming a party (so it reaches us here), and once a summon's room is this
  // one, its offer has done its work.
  const here = normaliseRoomCode(useParams().code ?? "");
  const { party, invitedTo } = mine;
  const nameOf = (playerId: string) => roster.find((r) => r.playerId === playerId)?.name ?? playerId;
  const leading = party !== null && party.leader === selfPlayerId;
  const invitable = roster.filter((r) => r.playerId !== selfPlayerId && !party?.members.includes(r.playerId) && !party?.invites.includes(r.playerId));

  return (
    <section className="party-panel" data-testid="party-panel">
      {summon && summon.code !== here && summon.seatExpiresAt > Date.now() && (
        <button
          type="button"
          className="party-summon"
          data-testid="party-summon"
          // The seat rides the socket as `?seat=` (the matchmaking route reads it from the page's address).
          onClick={() => navigate(`/rooms/${summon.code}?seat=${encodeURIComponent(summon.seat)}`)}
        >
          Join your party in {summon.code}
        </button>
      )}
      <button type="button" className="party-toggle" data-testid="party-toggle" onClick={() => setOpen((o) => !o)}>
        Party{party ? ` (${party.members.length})` : ""}
        {invitedTo.length > 0 ? ` · ${invitedTo.length} invite${invitedTo.length > 1 ? "s" : ""}` : ""}
      </button>
      {open && (
        <div className="party-body">
          {invitedTo.map((invite) => (
            <div key={invite.id} className="party-invite" data-testid="party-invite">
              {nameOf(invite.leader)} invites you
              <button type="button" data-testid="party-accept" onClick={() => void act(() => partyApi.join(identity, invite.id, here))}>
                Accept
              </button>
            </div>
          ))}
          {party === null ? (
            <button type="button" data-testid="party-create" onClick={() => void act(() => partyApi.create(identity, here))}>
              Create a party
            </button>
          ) : (
            <>
              <ul className="party-members" data-testid="party-members">
                {party.members.map((member) => (
                  <li key={member}>
                    {nameOf(member)}
                    {member === party.leader ? " ★" : ""}
                    {leading && member !== selfPlayerId && (
                      <button type="button" data-testid="party-kick" onClick={() => void act(() => partyApi.kick(identity, party.id, member))}>
                        Kick
                      </button>
                    )}
                  </li>
                ))}
                {party.invites.map((invited) => (
                  <li key={invited} className="party-invited">{nameOf(invited)} (invited)</li>
                ))}
              </ul>
              {leading && (
                <div className="party-invite-form">
                  {invitable.map((player) => (
                    <button key={player.playerId} type="button" data-testid="party-invite-player" data-player={player.playerId} onClick={() => void act(() => partyApi.invite(identity, party.id, player.playerId))}>
                      Invite {player.name}
                    </button>
                  ))}
                  <input value={inviteId} placeholder="player id" aria-label="invite by player id" data-testid="party-invite-id" onChange={(e) => setInviteId(e.target.value.trim())} />
                  <button type="button" disabled={inviteId === ""} onClick={() => void act(() => partyApi.invite(identity, party.id, inviteId)).then(() => setInviteId(""))}>
                    Invite
                  </button>
                </div>
              )}
              <button type="button" data-testid="party-leave" onClick={() => void act(() => partyApi.leave(identity, party.id))}>
                Leave the party
              </button>
            </>
          )}
          {error && <p className="party-error" role="alert">{error}</p>}
        </div>
      )}
    </section>
  );
}
