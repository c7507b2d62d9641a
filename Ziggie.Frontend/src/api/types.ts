// Shapes of the backend's JSON (snake_case, as the API speaks it), generated from its OpenAPI document into
// ./openapi.ts by openapi-typescript (Ziggie.Tests/Api/FrontendApiTypesTests.cs fails when the two drift, and says
// how to regenerate). Only what the document cannot say is written here: the values a string field takes, and the
// NDJSON lines that Ollama sends through the streaming routes.
import type { components } from './openapi'

type Schemas = components['schemas']

/**
 * A schema as the backend writes it. Numbers are numbers (the document says `number | string` because the backend
 * also reads numbers given as strings), and a null is never written (WhenWritingNull): a field the document calls
 * `null | X` is an optional X.
 */
type Written<T> = number extends T ? Exclude<T, string> : WrittenShape<T>
type WrittenShape<T> = T extends readonly (infer E)[] ? Written<E>[] : T extends object ? WrittenObject<T> : T
/** A request body as the front end sends it: numbers as numbers; null stays a value it may send. */
type Sent<T> = number extends T ? Exclude<T, string> : T extends object ? { [K in keyof T]: Sent<T[K]> } : T
type NullableKeys<T> = { [K in keyof T]-?: null extends T[K] ? K : never }[keyof T]
type WrittenObject<T> = { [K in Exclude<keyof T, NullableKeys<T>>]: Written<T[K]> } & {
  [K in NullableKeys<T>]?: Written<Exclude<T[K], null>>
}

export type LlmStatusValue = 'online' | 'degraded' | 'offline'

export type LlmStatus = Omit<Written<Schemas['LlmStatus']>, 'status'> & { status: LlmStatusValue }

export type ModelDetails = Written<Schemas['Details']>

/** OllamaSharp's model marks nothing required; Ollama's /api/tags always sends the name and the size. `nodes`: the Ollama nodes that hold it. */
export type ModelInfo = Omit<Written<Schemas['NodeModel']>, 'name' | 'size'> & { name: string; size: number }

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export type GenerateRequest = Omit<Sent<Schemas['GenerateBody']>, 'stream'> & { stream: true }

export type ChatRequest = Omit<Sent<Schemas['ChatBody']>, 'stream' | 'messages'> & { stream: true; messages: ChatMessage[] }

export type Conversation = Written<Schemas['ConversationView']>

export type StoredMessage = Omit<Written<Schemas['MessageView']>, 'role' | 'status'> & {
  role: ChatMessage['role']
  status: 'complete' | 'interrupted'
}

/** `source` "token": MongoDB is down, so /api/auth/me answered from the token's claims (no email, names or dates). */
export type User = Omit<Written<Schemas['UserView']>, 'role' | 'source'> & {
  role: 'admin' | 'user' | 'readonly'
  source?: 'database' | 'token'
}

export type ServiceEntry = Omit<Written<Schemas['ServiceEntry']>, 'status'> & { status: 'healthy' | 'degraded' | 'down' }

export type SystemStats = Written<Schemas['SystemStats']>

export type SystemInfo = Written<Schemas['SystemInfoView']>

// The streaming routes answer Ollama's own NDJSON lines, which the OpenAPI document does not describe.

export interface GenerateChunk {
  model?: string
  response?: string
  done: boolean
  eval_count?: number
  total_duration?: number
}

export interface ChatChunk {
  model?: string
  message?: ChatMessage
  done: boolean
  eval_count?: number
  total_duration?: number
}

/** One line of POST /api/llm/models/pull, as Ollama sends it. */
export interface PullLine {
  status: string
  digest?: string
  total?: number
  completed?: number
}

/** An API key as listed: never its secret. */
export type ApiKey = Written<Schemas['ApiKeyView']>

/** The answer to creating a key: the only time the secret (`key`) is shown. */
export type CreatedKey = Written<Schemas['CreatedKey']>

/** Today's use against the quota (UTC day); a `limit` that is absent (null) is unlimited. */
export type Quota = Written<Schemas['QuotaView']>
