import { Kind, PROTOCOL_VERSION, type ErrorCode, type ErrorPayload, type ServerMessage } from "@edgehold/protocol";

/** An `error` envelope; `seq` names the client message it answers, when there is one. */
export function errorMessage(code: ErrorCode, message: string, seq?: number, details?: Pick<ErrorPayload, "reason" | "action" | "secondsLeft">): ServerMessage {
  const payload: ErrorPayload = seq === undefined ? { code, message, ...details } : { code, message, seq, ...details };
  return seq === undefined ? { v: PROTOCOL_VERSION, kind: Kind.error, payload } : { v: PROTOCOL_VERSION, kind: Kind.error, seq, payload };
}
