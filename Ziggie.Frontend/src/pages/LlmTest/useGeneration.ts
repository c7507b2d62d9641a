import { useCallback, useRef, useState } from 'react'
import { streamGenerate } from '../../api/llm'
import { isAbort } from '../../api/ndjson'
import type { GenerateChunk, GenerateRequest } from '../../api/types'

export type GenerationPhase = 'idle' | 'streaming' | 'done' | 'stopped' | 'failed'

/** One streamed generation at a time: the text grows chunk by chunk; stop() aborts the request. */
export function useGeneration() {
  const [text, setText] = useState('')
  const [phase, setPhase] = useState<GenerationPhase>('idle')
  const [error, setError] = useState<unknown>()
  const [final, setFinal] = useState<GenerateChunk>()
  const controller = useRef<AbortController | null>(null)

  const start = useCallback(async (request: Omit<GenerateRequest, 'stream'>) => {
    controller.current?.abort()
    const abort = new AbortController()
    controller.current = abort
    setText('')
    setError(undefined)
    setFinal(undefined)
    setPhase('streaming')
    try {
      for await (const chunk of streamGenerate({ ...request, stream: true }, abort.signal)) {
        if (chunk.response) setText((t) => t + chunk.response)
        if (chunk.done) setFinal(chunk)
      }
      setPhase('done')
    } catch (e) {
      if (isAbort(e)) {
        setPhase('stopped')
      } else {
        setError(e)
        setPhase('failed')
      }
    } finally {
      if (controller.current === abort) controller.current = null
    }
  }, [])

  const stop = useCallback(() => controller.current?.abort(), [])

  return { text, phase, error, final, start, stop, running: phase === 'streaming' }
}
