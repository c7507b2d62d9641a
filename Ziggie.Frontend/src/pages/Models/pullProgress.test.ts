import { describe, expect, it } from 'vitest'
import { initialPull, pullPercent, reducePull } from './pullProgress'
import type { PullLine } from '../../api/types'

const run = (lines: PullLine[]) => lines.reduce(reducePull, initialPull)

describe('pull progress', () => {
  it('is 0 before any layer reports a size', () => {
    expect(pullPercent(run([{ status: 'pulling manifest' }]))).toBe(0)
  })

  it('adds up the layers Ollama reports separately', () => {
    const state = run([
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 300, completed: 300 },
      { status: 'pulling bbb', digest: 'sha256:bbb', total: 700 },
      { status: 'pulling bbb', digest: 'sha256:bbb', total: 700, completed: 200 },
    ])

    expect(pullPercent(state)).toBe(50)
    expect(state.status).toBe('pulling bbb')
  })

  it('never goes backwards when a layer line comes without "completed"', () => {
    const state = run([
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 100, completed: 40 },
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 100 },
    ])

    expect(pullPercent(state)).toBe(40)
  })

  it('is 100 once Ollama says success, whatever the layers said', () => {
    const state = run([
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 100, completed: 10 },
      { status: 'verifying sha256 digest' },
      { status: 'writing manifest' },
      { status: 'success' },
    ])

    expect(state.done).toBe(true)
    expect(pullPercent(state)).toBe(100)
  })
})
