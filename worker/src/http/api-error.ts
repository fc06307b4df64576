import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The one error type API handlers throw; `onApiError` turns it into a JSON response. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
