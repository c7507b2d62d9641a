import { apiJson } from './client'
import type { Conversation, StoredMessage } from './types'

export const listConversations = () => apiJson<Conversation[]>('/api/conversations')

export const getConversation = (id: string) =>
  apiJson<{ conversation: Conversation; messages: StoredMessage[] }>(`/api/conversations/${id}`)

export const createConversation = (title: string, model?: string) =>
  apiJson<Conversation>('/api/conversations', { method: 'POST', json: { title, model } })

export const renameConversation = (id: string, title: string) =>
  apiJson<Conversation>(`/api/conversations/${id}`, { method: 'PATCH', json: { title } })

export const deleteConversation = (id: string) => apiJson<void>(`/api/conversations/${id}`, { method: 'DELETE' })
