import { useEffect, useState } from 'react'
import { openStatsSocket } from '../api/system'
import type { SystemStats } from '../api/types'

const KEEP = 60
const RECONNECT_MS = 3000

export type SocketState = 'connecting' | 'live' | 'closed'

/** The last minutes of system_stats messages from WS /ws; reconnects when the socket drops. */
export function useSystemStats() {
  const [history, setHistory] = useState<SystemStats[]>([])
  const [state, setState] = useState<SocketState>('connecting')

  useEffect(() => {
    let socket: WebSocket | undefined
    let retry: ReturnType<typeof setTimeout> | undefined
    let stopped = false

    const connect = () => {
      setState('connecting')
      socket = openStatsSocket()
      socket.onopen = () => setState('live')
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data as string) as SystemStats & { type: string }
        if (message.type === 'system_stats') setHistory((h) => [...h.slice(-(KEEP - 1)), message])
      }
      socket.onclose = () => {
        setState('closed')
        if (!stopped) retry = setTimeout(connect, RECONNECT_MS)
      }
    }
    connect()

    return () => {
      stopped = true
      clearTimeout(retry)
      socket?.close()
    }
  }, [])

  return { history, latest: history.at(-1), state }
}
