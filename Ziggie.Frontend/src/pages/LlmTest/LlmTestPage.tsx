import { useState } from 'react'
import { Alert, Box, Button, Card, CardContent, Grid, Paper, Slider, Stack, TextField, Typography } from '@mui/material'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ModelPicker } from '../../components/ModelPicker'
import { useAuth } from '../../auth/AuthContext'
import { StatusPanel } from './StatusPanel'
import { useGeneration } from './useGeneration'

export function LlmTestPage() {
  const { user } = useAuth()
  const [model, setModel] = useState('')
  const [prompt, setPrompt] = useState('Explain in two sentences what a local LLM is.')
  const [temperature, setTemperature] = useState(0.7)
  const [maxTokens, setMaxTokens] = useState('')
  const generation = useGeneration()
  const readonly = user?.role === 'readonly'

  const generate = () =>
    generation.start({ model, prompt, temperature, max_tokens: maxTokens ? Number(maxTokens) : null })

  return (
    <Box>
      <Typography variant="h4" gutterBottom>
        LLM Test
      </Typography>
      <StatusPanel />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 5 }}>
          <Card>
            <CardContent sx={{ display: 'grid', gap: 2 }}>
              <ModelPicker value={model} onChange={setModel} />
              <TextField label="Prompt" name="prompt" multiline minRows={5} value={prompt} onChange={(e) => setPrompt(e.target.value)} />
              <Box>
                <Typography variant="caption" color="text.secondary">
                  Temperature {temperature.toFixed(1)}
                </Typography>
                <Slider value={temperature} min={0} max={2} step={0.1} onChange={(_, v) => setTemperature(v as number)} />
              </Box>
              <TextField
                label="Max tokens"
                name="max_tokens"
                type="number"
                size="small"
                value={maxTokens}
                onChange={(e) => setMaxTokens(e.target.value)}
                helperText="Empty: as many as the model likes (1–32768)"
                slotProps={{ htmlInput: { min: 1, max: 32768 } }}
              />
              {readonly && <Alert severity="info">Your role is readonly: you may look, not generate.</Alert>}
              <Stack direction="row" spacing={1}>
                <Button variant="contained" onClick={generate} disabled={generation.running || !model || !prompt.trim() || readonly}>
                  Generate
                </Button>
                <Button variant="outlined" color="error" onClick={generation.stop} disabled={!generation.running}>
                  Stop
                </Button>
              </Stack>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 7 }}>
          <Paper sx={{ p: 2, minHeight: 300 }}>
            <Typography variant="subtitle2" color="text.secondary" data-testid="generation-phase">
              {phaseText(generation.phase, generation.final?.eval_count)}
            </Typography>
            <ErrorAlert error={generation.error} title="Generation failed" />
            <Typography data-testid="llm-output" component="div" sx={{ whiteSpace: 'pre-wrap', mt: 1, fontSize: 15 }}>
              {generation.text}
            </Typography>
          </Paper>
        </Grid>
      </Grid>
    </Box>
  )
}

function phaseText(phase: string, tokens?: number) {
  switch (phase) {
    case 'streaming':
      return 'Streaming…'
    case 'done':
      return tokens ? `Done · ${tokens} tokens` : 'Done'
    case 'stopped':
      return 'Stopped'
    case 'failed':
      return 'Failed'
    default:
      return 'The answer appears here, token by token.'
  }
}
