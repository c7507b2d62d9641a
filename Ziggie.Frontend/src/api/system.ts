import { apiJson, getToken } from './client'
import type { ServiceEntry, SystemInfo, SystemStats } from './types'

export const getServices = async () => (await apiJson<{ services: ServiceEntry[] }>('/api/services')).services

export const getSystemStats = () => apiJson<SystemStats>('/api/system/stats')

export const getSystemInfo = () => apiJson<SystemInfo>('/api/system/info')

/** Same origin as the page: the dev server or the static server proxies /ws. Browsers cannot set headers on a WebSocket, hence the query. */
export function statsSocketUrl(location: Location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/ws?access_token=${encodeURIComponent(getToken() ?? '')}`
}
