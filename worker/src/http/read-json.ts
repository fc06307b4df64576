import { ApiError } from "./api-error.ts";

/** The request's JSON body (undefined when empty); a body that is not JSON is a 400 naming it. Bodies are already within the API's limit (apiBodyLimit, app.ts). */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return text.length === 0 ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw new ApiError(400, "invalid_json", "the request body is not valid JSON", "body");
  }
}
