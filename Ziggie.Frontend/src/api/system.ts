import { apiJson, getToken } from './client'
import type { ServiceEntry, SystemInfo, SystemStats } from './types'

export const getServices = async () => (await apiJson<{ services: ServiceEntry[] }>('/api/services')).services

export const getSystemStats = () => apiJson<SystemStats>('/api/system/stats')

export const getSystemInfo = () => apiJson<SystemInfo>('/api/system/info')

/** Same origin as the page: the dev server or the static server proxies /ws. */
export function statsSocketUrl(location: Location = window.location) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${location.host}/ws`
}

/**
 * Browsers cannot set headers on a WebSocket, so the token travels as the subprotocol after "bearer".
 * Not in the URL: Chromium prints a failed socket's URL to the console, and the token with it.
 */
export function openStatsSocket(location: Location = window.location) {
  const token = getToken()
  return new WebSocket(statsSocketUrl(location), token ? ['bearer', token] : [])
}
