import { describe, expect, it } from 'vitest'
import { render, screen } from '@testing-library/react'
import { StatusBadge, badgeState } from './StatusBadge'
import type { LlmStatus } from '../api/types'

const status = (value: LlmStatus['status'], error?: string): LlmStatus => ({
  status: value,
  service: 'ollama',
  url: 'http://127.0.0.1:11434/',
  version: value === 'online' ? { version: '0.12.11' } : undefined,
  error,
  latency_ms: 3,
  instance: { id: 'host/1/2026', host: 'host', pid: 1, started_at: '2026-01-01T00:00:00Z', ollama_url: 'http://127.0.0.1:11434/' },
  checked_at: '2026-01-01T00:00:00Z',
})

describe('badgeState', () => {
  it.each([
    ['online', 'ONLINE', 'success'],
    ['degraded', 'DEGRADED', 'warning'],
    ['offline', 'OFFLINE', 'error'],
  ] as const)('shows %s as %s', (value, label, color) => {
    expect(badgeState(status(value))).toMatchObject({ label, color })
  })

  it('gives the reason Ollama is not online', () => {
    expect(badgeState(status('offline', 'Connection refused (127.0.0.1:11434)')).reason).toBe('Connection refused (127.0.0.1:11434)')
  })

  it('is OFFLINE with the reason when the backend itself does not answer', () => {
    expect(badgeState(status('online'), 'The backend did not answer.')).toMatchObject({ label: 'OFFLINE', reason: 'The backend did not answer.' })
  })

  it('says CHECKING before the first answer', () => {
    expect(badgeState(undefined).label).toBe('CHECKING')
  })
})

describe('StatusBadge', () => {
  it('renders the label', () => {
    render(<StatusBadge status={status('degraded', 'Ollama answered 500')} />)

    expect(screen.getByTestId('llm-status')).toHaveTextContent('DEGRADED')
  })
})
