// Reads an application/x-ndjson body line by line as it arrives: a chunk may end mid-line or hold
// several lines. A line {"error": ...} ends the stream with that error, as the backend sends it.

export class StreamError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StreamError'
  }
}

export function abortError() {
  return new DOMException('The operation was aborted.', 'AbortError')
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError'

export async function* readNdjson<T extends object>(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const cancel = () => void reader.cancel().catch(() => {})
  signal?.addEventListener('abort', cancel)
  let buffer = ''
  let finished = false
  try {
    for (;;) {
      if (signal?.aborted) throw abortError()
      const { done, value } = await reader.read()
      if (signal?.aborted) throw abortError()
      if (done) break
      buffer += decoder.decode(value, { stream: true })
      let newline: number
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim()
        buffer = buffer.slice(newline + 1)
        if (line) yield parse<T>(line)
      }
    }
    finished = true
    const rest = (buffer + decoder.decode()).trim()
    if (rest) yield parse<T>(rest)
  } finally {
    signal?.removeEventListener('abort', cancel)
    // A reader that stops early (error line, abort, a consumer that breaks) lets go of the connection.
    if (!finished) cancel()
    else reader.releaseLock()
  }
}

function parse<T extends object>(line: string): T {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    throw new StreamError(`The backend sent a line that is not JSON: ${line.slice(0, 80)}`)
  }
  if (value && typeof value === 'object' && 'error' in value && typeof value.error === 'string') {
    throw new StreamError(value.error)
  }
  return value as T
}
