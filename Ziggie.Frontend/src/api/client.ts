// The one place that talks HTTP to the backend: relative URLs only (Vite or the static server
// proxies /api), the bearer token from one storage key, and errors a person can act on.

export const TOKEN_KEY = 'ziggie.access_token'

export const getToken = () => localStorage.getItem(TOKEN_KEY)
export const setToken = (token: string) => localStorage.setItem(TOKEN_KEY, token)
export const clearToken = () => localStorage.removeItem(TOKEN_KEY)

/** A ProblemDetails body, as every Ziggie error is. */
export interface Problem {
  title?: string
  detail?: string
  status?: number
  errors?: Record<string, string[]>
}

export class ApiError extends Error {
  readonly status: number
  readonly problem?: Problem

  constructor(status: number, message: string, problem?: Problem) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
  }

  static async from(response: Response): Promise<ApiError> {
    let problem: Problem | undefined
    try {
      problem = (await response.json()) as Problem
    } catch {
      problem = undefined
    }
    const message =
      problem?.detail ??
      problem?.title ??
      (response.status >= 500
        ? `The backend answered ${response.status} ${response.statusText}. Check the backend resource in the Aspire dashboard.`
        : `The request failed: ${response.status} ${response.statusText}.`)
    return new ApiError(response.status, message, problem)
  }
}

export const SESSION_EXPIRED = 'Your session has expired. Sign in again.'
export const BACKEND_UNREACHABLE =
  'The backend did not answer. Is Ziggie running? Start it with: dotnet run --project Ziggie.AppHost'

let onUnauthorized: () => void = () => {}

/** Called when a request that carried a token gets 401: the session is over. */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler
}

export interface ApiInit extends Omit<RequestInit, 'body'> {
  json?: unknown
}

export async function apiFetch(path: string, init: ApiInit = {}): Promise<Response> {
  const { json, headers, ...rest } = init
  const token = getToken()
  const merged = new Headers(headers)
  if (token) merged.set('Authorization', `Bearer ${token}`)
  if (json !== undefined) merged.set('Content-Type', 'application/json')

  let response: Response
  try {
    response = await fetch(path, { ...rest, headers: merged, body: json === undefined ? undefined : JSON.stringify(json) })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, BACKEND_UNREACHABLE)
  }

  if (response.status === 401 && token) {
    clearToken()
    onUnauthorized()
    throw new ApiError(401, SESSION_EXPIRED)
  }
  if (!response.ok) throw await ApiError.from(response)
  return response
}

export async function apiJson<T>(path: string, init: ApiInit = {}): Promise<T> {
  const response = await apiFetch(path, init)
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T)
}

/** The words to show for any error thrown by the API client or a stream. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
