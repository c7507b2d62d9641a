import { useEffect } from 'react'
import { useQuery } from '@tanstack/react-query'
import { FormControl, InputLabel, MenuItem, Select } from '@mui/material'
import { getModels } from '../api/llm'
import { ErrorAlert } from './ErrorAlert'
import { formatBytes } from './format'

/** The models Ollama really has (GET /api/llm/models); picks the first one until the user chooses. */
export function ModelPicker({ value, onChange }: { value: string; onChange: (model: string) => void }) {
  const models = useQuery({ queryKey: ['models'], queryFn: getModels })
  const first = models.data?.[0]?.name
  useEffect(() => {
    if (!value && first) onChange(first)
  }, [value, first, onChange])

  if (models.error) return <ErrorAlert error={models.error} title="Could not list the models" />
  return (
    <FormControl fullWidth size="small">
      <InputLabel id="model-label">Model</InputLabel>
      <Select labelId="model-label" data-testid="model-picker" label="Model" value={models.data?.some((m) => m.name === value) ? value : ''} onChange={(e) => onChange(e.target.value)}>
        {(models.data ?? []).map((m) => (
          <MenuItem key={m.name} value={m.name}>
            {m.name} · {formatBytes(m.size)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  )
}
