import type { PullLine } from '../../api/types'

/** Where a pull stands: Ollama reports each layer (digest) separately, so the whole is the sum of the layers. */
export interface PullState {
  status: string
  layers: Record<string, { total: number; completed: number }>
  done: boolean
}

export const initialPull: PullState = { status: 'starting', layers: {}, done: false }

export function reducePull(state: PullState, line: PullLine): PullState {
  const layers = { ...state.layers }
  if (line.digest && line.total) {
    const previous = layers[line.digest]?.completed ?? 0
    // Lines of one layer may arrive without "completed" (the first one); progress never goes backwards.
    layers[line.digest] = { total: line.total, completed: Math.max(previous, line.completed ?? 0) }
  }
  return { status: line.status, layers, done: state.done || line.status === 'success' }
}

/** 0–100 over all layers seen so far; 100 once Ollama says "success". */
export function pullPercent(state: PullState): number {
  if (state.done) return 100
  const layers = Object.values(state.layers)
  const total = layers.reduce((sum, l) => sum + l.total, 0)
  if (total === 0) return 0
  const completed = layers.reduce((sum, l) => sum + Math.min(l.completed, l.total), 0)
  return Math.floor((completed / total) * 1000) / 10
}
