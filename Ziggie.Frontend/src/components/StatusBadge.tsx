import { Chip, type ChipProps } from '@mui/material'
import type { LlmStatus } from '../api/types'

export interface BadgeState {
  label: 'ONLINE' | 'DEGRADED' | 'OFFLINE' | 'CHECKING'
  color: ChipProps['color']
  reason?: string
}

/** What the badge says for the last answer of /api/llm/status, or for a backend that did not answer at all. */
export function badgeState(status: LlmStatus | undefined, failure?: string): BadgeState {
  if (failure) return { label: 'OFFLINE', color: 'error', reason: failure }
  if (!status) return { label: 'CHECKING', color: 'default' }
  switch (status.status) {
    case 'online':
      return { label: 'ONLINE', color: 'success' }
    case 'degraded':
      return { label: 'DEGRADED', color: 'warning', reason: status.error }
    default:
      return { label: 'OFFLINE', color: 'error', reason: status.error }
  }
}

export function StatusBadge({ status, failure }: { status?: LlmStatus; failure?: string }) {
  const state = badgeState(status, failure)
  return <Chip data-testid="llm-status" label={state.label} color={state.color} sx={{ fontWeight: 700, letterSpacing: 1 }} />
}
