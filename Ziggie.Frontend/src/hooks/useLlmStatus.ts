import { useQuery } from '@tanstack/react-query'
import { getLlmStatus } from '../api/llm'
import { describeError } from '../api/client'

export const STATUS_POLL_MS = 5000

/** /api/llm/status, asked again every few seconds so the badge follows Ollama going away and coming back. */
export function useLlmStatus() {
  const query = useQuery({ queryKey: ['llm-status'], queryFn: getLlmStatus, refetchInterval: STATUS_POLL_MS, retry: false })
  // A backend that does not answer at all makes Ollama unreachable too, for this page.
  const failure = query.isError && !query.isFetching ? describeError(query.error) : undefined
  return { ...query, failure }
}
