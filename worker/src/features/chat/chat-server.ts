import { chatFeature, CloseCode, MuteReason } from "@edgehold/protocol";
import { defineServerFeature } from "../server-feature.ts";
import { partyMembers } from "../services/party-members.ts";
import { FLOOD_MUTE_MS } from "./chat-limits.ts";
import { ChatRoom } from "./chat-room.ts";
import { CHAT_MIGRATION } from "./chat-schema.ts";
import { BANNED_REASON } from "./commands/ban.ts";
import { runChatLine } from "./run-chat-line.ts";

/**
 * Chat: `chat.send` lines and slash commands (run-chat-line.ts), the room's history sent right after each welcome
 * (with the player's mute state if they are muted), bans refused at the door (4004), and the flood escalation's
 * automatic mute (of a flooder of any feature's actions).
 */
export const chatServer = defineServerFeature(chatFeature, {
  migrations: [CHAT_MIGRATION],
  // Scope `party` reaches the sender's party members in the room (a room kind without parties: refused).
  uses: [partyMembers],
  state: ({ sql, clock }) => new ChatRoom(sql, clock.now()),
  commands: {
    send: (context, command) => runChatLine(context, command.payload, context.clock.now()),
  },
  channels: {},
  hooks: {
    admit({ state }, playerId) {
      return state.moderation.banOf(playerId) ? { code: CloseCode.kicked, reason: BANNED_REASON } : undefined;
    },
    join(context, { player, connection }) {
      const { state } = context;
      connection.send(context.event(chatFeature, "history", { messages: state.history.messages() }));
      const notice = state.muteNotice(player.playerId, context.clock.now());
      if (notice) connection.send(context.event(chatFeature, "system", notice));
    },
    flooded(context, player, now) {
      context.state.mute(context, { playerId: player.playerId, name: player.name }, FLOOD_MUTE_MS, MuteReason.flood, now);
    },
  },
});
