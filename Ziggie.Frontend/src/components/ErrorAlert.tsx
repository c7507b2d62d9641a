import { Alert } from '@mui/material'
import { describeError } from '../api/client'

export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  return (
    <Alert severity="error" data-testid="error" sx={{ my: 1 }}>
      {title ? <strong>{title}: </strong> : null}
      {describeError(error)}
    </Alert>
  )
}
