import { describe, expect, it } from 'vitest'
import { readNdjson, StreamError } from './ndjson'

const encoder = new TextEncoder()

/** A body that hands out exactly these chunks, then waits (open) or ends. */
function body(chunks: string[], { keepOpen = false } = {}) {
  let cancelled = false
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      if (!keepOpen) controller.close()
    },
    cancel() {
      cancelled = true
    },
  })
  return { stream, cancelled: () => cancelled }
}

async function collect<T extends object>(source: AsyncGenerator<T>) {
  const items: T[] = []
  for await (const item of source) items.push(item)
  return items
}

describe('readNdjson', () => {
  it('joins lines split across chunks and splits chunks that hold several lines', async () => {
    const { stream } = body(['{"response":"Hel', 'lo"}\n{"respon', 'se":" world"}\n{"done":true}\n'])

    const lines = await collect(readNdjson<{ response?: string; done?: boolean }>(stream))

    expect(lines).toEqual([{ response: 'Hello' }, { response: ' world' }, { done: true }])
  })

  it('splits a multi-byte character cut between chunks correctly', async () => {
    const bytes = encoder.encode('{"response":"é"}\n')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 14))
        controller.enqueue(bytes.slice(14))
        controller.close()
      },
    })

    expect(await collect(readNdjson(stream))).toEqual([{ response: 'é' }])
  })

  it('reads a last line without a newline and skips blank lines', async () => {
    const { stream } = body(['{"a":1}\n\n', '{"a":2}'])

    expect(await collect(readNdjson(stream))).toEqual([{ a: 1 }, { a: 2 }])
  })

  it('ends with the backend error when a line carries "error"', async () => {
    const { stream, cancelled } = body(['{"response":"Hi"}\n{"error":"Ollama stopped sending for 60 s","done":true}\n'], { keepOpen: true })
    const seen: object[] = []

    const reading = (async () => {
      for await (const line of readNdjson(stream)) seen.push(line)
    })()

    await expect(reading).rejects.toThrow(new StreamError('Ollama stopped sending for 60 s'))
    expect(seen).toEqual([{ response: 'Hi' }])
    expect(cancelled()).toBe(true)
  })

  it('says so when a line is not JSON', async () => {
    const { stream } = body(['not json\n'])

    await expect(collect(readNdjson(stream))).rejects.toThrow(/not JSON: not json/)
  })

  it('stops with an AbortError and cancels the body when the signal aborts mid-stream', async () => {
    const { stream, cancelled } = body(['{"response":"Hel"}\n'], { keepOpen: true })
    const abort = new AbortController()
    const seen: object[] = []

    const reading = (async () => {
      for await (const line of readNdjson(stream, abort.signal)) {
        seen.push(line)
        abort.abort()
      }
    })()

    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(seen).toEqual([{ response: 'Hel' }])
    expect(cancelled()).toBe(true)
  })

  it('aborts a read that is waiting for the next chunk', async () => {
    const { stream, cancelled } = body([], { keepOpen: true })
    const abort = new AbortController()

    const reading = collect(readNdjson(stream, abort.signal))
    abort.abort()

    await expect(reading).rejects.toMatchObject({ name: 'AbortError' })
    expect(cancelled()).toBe(true)
  })
})
