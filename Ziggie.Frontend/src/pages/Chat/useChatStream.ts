import { useCallback, useRef, useState } from 'react'
import { streamChat } from '../../api/llm'
import { isAbort } from '../../api/ndjson'
import type { ChatMessage } from '../../api/types'

export interface SendOutcome {
  failed: boolean
  answered: boolean
}

export interface PendingExchange {
  question: string
  answer: string
}

/** Streams one chat answer into a conversation; the backend stores the question and the answer. */
export function useChatStream() {
  const [pending, setPending] = useState<PendingExchange>()
  const [error, setError] = useState<unknown>()
  const [running, setRunning] = useState(false)
  const controller = useRef<AbortController | null>(null)

  /** Resolves (never rejects) with whether the stream failed, and whether any answer arrived before that. */
  const send = useCallback(async (conversationId: string, model: string, history: ChatMessage[], question: string): Promise<SendOutcome> => {
    const abort = new AbortController()
    controller.current = abort
    setError(undefined)
    setRunning(true)
    setPending({ question, answer: '' })
    let answered = false
    try {
      const messages: ChatMessage[] = [...history, { role: 'user', content: question }]
      for await (const chunk of streamChat({ model, messages, stream: true, conversation_id: conversationId }, abort.signal)) {
        const piece = chunk.message?.content
        if (piece) {
          answered = true
          setPending((p) => p && { ...p, answer: p.answer + piece })
        }
      }
      return { failed: false, answered }
    } catch (e) {
      if (isAbort(e)) return { failed: false, answered }
      setError(e)
      return { failed: true, answered }
    } finally {
      controller.current = null
      setRunning(false)
    }
  }, [])

  const stop = useCallback(() => controller.current?.abort(), [])
  const clear = useCallback(() => setPending(undefined), [])

  return { pending, error, send, stop, clear, running }
}
