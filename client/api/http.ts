/** An error answered by the API: status, machine code and human message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** Remembers the CSRF token of the current session (from login or /api/auth/me). */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** The CSRF header of the session, for the few calls that send something else than JSON. */
export const csrfHeader = (): Record<string, string> =>
  csrfToken ? { 'x-csrf-token': csrfToken } : {};

/**
 * Calls the JSON API. Writes carry the session's CSRF token.
 * @throws ApiError for any non-2xx answer.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) {
    const err = data?.error ?? {};
    throw new ApiError(res.status, err.code ?? 'http_error', err.message ?? res.statusText, err);
  }
  return data as T;
}

/**
 * Sends a multipart form (file uploads) to the API, with the session's CSRF token.
 * @throws ApiError for any non-2xx answer (413 for a file over the upload limit).
 */
export async function apiForm<T>(path: string, form: FormData): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method: 'POST',
    headers,
    body: form,
    credentials: 'same-origin',
  });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) {
    const err = data?.error ?? {};
    throw new ApiError(res.status, err.code ?? 'http_error', err.message ?? res.statusText, err);
  }
  return data as T;
}
