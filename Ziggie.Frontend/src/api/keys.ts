import { apiJson } from './client'
import type { ApiKey, CreatedKey, Quota, User } from './types'

/** A user's own limits as sent: null is unlimited. */
export interface QuotaSetting {
  tokens_per_day: number | null
  requests_per_day: number | null
}

export const listKeys = () => apiJson<ApiKey[]>('/api/auth/keys')

export const createKey = (name: string, expiresAt?: string) =>
  apiJson<CreatedKey>('/api/auth/keys', { method: 'POST', json: expiresAt ? { name, expires_at: expiresAt } : { name } })

export const revokeKey = (id: string) => apiJson<void>(`/api/auth/keys/${id}`, { method: 'DELETE' })

export const getQuota = () => apiJson<Quota>('/api/usage/quota')

export const getUserQuota = (userId: string) => apiJson<Quota>(`/api/auth/users/${userId}/quota`)

export const setUserQuota = (userId: string, quota: QuotaSetting) =>
  apiJson<User>(`/api/auth/users/${userId}/quota`, { method: 'PUT', json: quota })

export const clearUserQuota = (userId: string) => apiJson<User>(`/api/auth/users/${userId}/quota`, { method: 'DELETE' })
