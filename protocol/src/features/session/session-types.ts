/** `session.refresh`: a fresh session token for the open socket, before the held one expires. */
export interface SessionRefreshPayload {
  /** A fresh session token (Clerk) of the same user; at most MAX_SESSION_TOKEN_LENGTH characters. */
  token: string;
}

/** `session.resume_token`: a fresh resume token, handed out before the previous one expires. */
export interface ResumeTokenEventPayload {
  /** Replaces the stored resume token (the previous one stays valid until its own expiry). */
  resumeToken: string;
  /** Seconds until this token expires. */
  resumeTokenTtl: number;
}
