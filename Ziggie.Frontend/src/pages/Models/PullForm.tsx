import { useRef, useState, type FormEvent } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Box, Button, LinearProgress, Stack, TextField, Typography } from '@mui/material'
import { streamPull } from '../../api/llm'
import { isAbort } from '../../api/ndjson'
import { ErrorAlert } from '../../components/ErrorAlert'
import { initialPull, pullPercent, reducePull, type PullState } from './pullProgress'

/** POST /api/llm/models/pull with a progress bar fed by the NDJSON lines Ollama sends. */
export function PullForm() {
  const queryClient = useQueryClient()
  const [name, setName] = useState('')
  const [pull, setPull] = useState<PullState>()
  const [error, setError] = useState<unknown>()
  const controller = useRef<AbortController | null>(null)

  const start = async (event: FormEvent) => {
    event.preventDefault()
    const abort = new AbortController()
    controller.current = abort
    setError(undefined)
    let state = initialPull
    setPull(state)
    try {
      for await (const line of streamPull(name.trim(), abort.signal)) {
        state = reducePull(state, line)
        setPull(state)
      }
      await queryClient.invalidateQueries({ queryKey: ['models'] })
    } catch (e) {
      if (!isAbort(e)) setError(e)
      setPull(undefined)
    } finally {
      controller.current = null
    }
  }

  const running = !!pull && !pull.done && !error
  return (
    <Box component="form" onSubmit={start} sx={{ mb: 2 }}>
      <Stack direction="row" spacing={1}>
        <TextField size="small" name="pull-model" label="Model to pull, e.g. llama3.2:1b" value={name} onChange={(e) => setName(e.target.value)} sx={{ flexGrow: 1 }} />
        <Button type="submit" variant="contained" disabled={!name.trim() || running}>
          Pull
        </Button>
        {running && (
          <Button color="error" onClick={() => controller.current?.abort()}>
            Cancel
          </Button>
        )}
      </Stack>
      {pull && (
        <Box sx={{ mt: 1 }} data-testid="pull-progress">
          <LinearProgress variant="determinate" value={pullPercent(pull)} />
          <Typography variant="caption">
            {pull.status} · {pullPercent(pull).toFixed(1)} %
          </Typography>
        </Box>
      )}
      <ErrorAlert error={error} title="Pull failed" />
    </Box>
  )
}
