// Calls to the same-origin JSON API (docs/api.md). Nothing is ever fetched from elsewhere.
import { withQuery } from "./state.js";

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
  }
}

/** GET path?entries as JSON; a 4xx/5xx becomes an ApiError carrying the body's error code and message. */
export async function getJSON(path, entries = [], { signal } = {}) {
  const url = withQuery(path, entries);
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal, credentials: "same-origin" });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const err = body && typeof body === "object" && body.error ? body.error : {};
    throw new ApiError(
      response.status,
      err.code ?? String(response.status),
      err.message ?? `${response.status} ${response.statusText}`.trim(),
    );
  }
  if (body === null) throw new ApiError(response.status, "bad_json", `${url} did not return JSON`);
  return body;
}
