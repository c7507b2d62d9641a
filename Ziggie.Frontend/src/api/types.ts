// Shapes of the backend's JSON (snake_case, as the API speaks it). See docs/llm-api.md and api-contract.md.

export type LlmStatusValue = 'online' | 'degraded' | 'offline'

export interface LlmStatus {
  status: LlmStatusValue
  service: string
  url: string
  version?: { version: string }
  error?: string
  latency_ms: number
  instance: { id: string; host: string; pid: number; started_at: string; ollama_url: string }
}

export interface ModelDetails {
  family?: string
  parameter_size?: string
  quantization_level?: string
  format?: string
}

export interface ModelInfo {
  name: string
  model?: string
  modified_at?: string
  size: number
  digest?: string
  details?: ModelDetails
}

export interface GenerateChunk {
  model?: string
  response?: string
  done: boolean
  eval_count?: number
  total_duration?: number
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatChunk {
  model?: string
  message?: ChatMessage
  done: boolean
  eval_count?: number
  total_duration?: number
}

export interface GenerateRequest {
  model: string
  prompt: string
  stream: true
  temperature?: number
  max_tokens?: number | null
}

export interface ChatRequest {
  model: string
  messages: ChatMessage[]
  stream: true
  temperature?: number
  conversation_id?: string
}

export interface Conversation {
  id: string
  title: string
  model?: string
  created_at: string
  updated_at: string
  message_count: number
}

export interface StoredMessage {
  id: string
  role: ChatMessage['role']
  content: string
  status: 'complete' | 'interrupted'
  model?: string
  error?: string
  created_at: string
}

export interface User {
  id: string
  username: string
  email?: string
  full_name?: string
  role: 'admin' | 'user' | 'readonly'
  is_active: boolean
  /** Absent when the answer came from the token (source "token"). */
  created_at?: string
  last_login?: string
  /** "token": MongoDB is down, so /api/auth/me answered from the token's claims (no email, names or dates). */
  source?: 'database' | 'token'
}

export interface ServiceEntry {
  name: string
  status: 'healthy' | 'degraded' | 'down'
  latency_ms: number
  endpoint: string
  detail?: string
}

export interface SystemStats {
  timestamp: string
  cpu: { usage: number; cores: number; source: string }
  memory: { total: number; used: number; available: number; percent: number; source: string }
  disk: { path: string; total: number; used: number; free: number; percent: number }
}

export interface SystemInfo {
  hostname: string
  os: string
  architecture: string
  processor_count: number
  runtime: string
  container: boolean
  content_root: string
  process: { pid: number; started_at: string; uptime_seconds: number; working_set: number; threads: number }
  instance: string
}

/** One line of POST /api/llm/models/pull, as Ollama sends it. */
export interface PullLine {
  status: string
  digest?: string
  total?: number
  completed?: number
}
