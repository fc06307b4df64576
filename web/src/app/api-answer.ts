/** A failed API call, with the server's error code and the field it named. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The JSON of an API answer (`{}` when it has none); a non-2xx answer throws ApiRequestError with the server's
 * `{ error, message, field? }`. Every page module that calls /api reads answers through this one.
 */
export async function answerOf(response: Response): Promise<unknown> {
  const json: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (typeof json === "object" && json !== null ? json : {}) as { error?: unknown; message?: unknown; field?: unknown };
    throw new ApiRequestError(
      response.status,
      typeof error.error === "string" ? error.error : "http_error",
      typeof error.message === "string" ? error.message : response.statusText,
      typeof error.field === "string" ? error.field : undefined,
    );
  }
  return json;
}
