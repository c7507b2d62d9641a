import { apiFetch, apiJson } from './client'
import { readNdjson } from './ndjson'
import type { ChatChunk, ChatRequest, GenerateChunk, GenerateRequest, LlmStatus, ModelInfo, PullLine } from './types'

export const getLlmStatus = () => apiJson<LlmStatus>('/api/llm/status')

export const getModels = async () => (await apiJson<{ models: ModelInfo[] }>('/api/llm/models')).models

async function* stream<T extends object>(path: string, body: unknown, signal: AbortSignal): AsyncGenerator<T> {
  const response = await apiFetch(path, { method: 'POST', json: body, signal })
  if (!response.body) throw new Error('The backend sent no body.')
  yield* readNdjson<T>(response.body, signal)
}

export const streamGenerate = (request: GenerateRequest, signal: AbortSignal) =>
  stream<GenerateChunk>('/api/llm/generate', request, signal)

export const streamChat = (request: ChatRequest, signal: AbortSignal) => stream<ChatChunk>('/api/llm/chat', request, signal)

export const streamPull = (model: string, signal: AbortSignal) =>
  stream<PullLine>('/api/llm/models/pull', { model }, signal)

export const deleteModel = (name: string) =>
  apiJson<void>(`/api/llm/models/${encodeURIComponent(name)}`, { method: 'DELETE' })
