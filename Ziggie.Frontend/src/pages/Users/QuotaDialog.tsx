import { useState } from 'react'
import { useQuery } from '@tanstack/react-query'
import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material'
import { getUserQuota, type QuotaSetting } from '../../api/keys'
import type { User } from '../../api/types'
import { ErrorAlert } from '../../components/ErrorAlert'

const toLimit = (text: string) => (text.trim() === '' ? null : Number(text))

/** An admin sets a user's own daily quota (an empty field: unlimited for them), or returns them to their role's default. */
export function QuotaDialog({ user, onClose, onSave, onClear }: {
  user: User
  onClose: () => void
  onSave: (quota: QuotaSetting) => Promise<unknown>
  onClear: () => Promise<unknown>
}) {
  const [tokens, setTokens] = useState(user.quota?.tokens_per_day?.toString() ?? '')
  const [requests, setRequests] = useState(user.quota?.requests_per_day?.toString() ?? '')
  const [error, setError] = useState<unknown>()
  const standing = useQuery({ queryKey: ['user-quota', user.id], queryFn: () => getUserQuota(user.id) })

  const run = (action: () => Promise<unknown>) => async () => {
    setError(undefined)
    try {
      await action()
      onClose()
    } catch (e) {
      setError(e)
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>Quota for {user.username}</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        <ErrorAlert error={error} />
        <DialogContentText>
          {user.quota ? 'This user has their own quota.' : `This user has the default of the role ${user.role}.`}{' '}
          {standing.data && `Today: ${standing.data.tokens.used.toLocaleString()} tokens, ${standing.data.requests.used.toLocaleString()} requests.`}
        </DialogContentText>
        <TextField label="Tokens per day" name="quota-tokens" type="number" value={tokens} onChange={(e) => setTokens(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} helperText="Prompt + completion; empty: unlimited" />
        <TextField label="Requests per day" name="quota-requests" type="number" value={requests} onChange={(e) => setRequests(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} helperText="Empty: unlimited" />
      </DialogContent>
      <DialogActions>
        {user.quota && <Button onClick={run(onClear)}>Use role default</Button>}
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={run(() => onSave({ tokens_per_day: toLimit(tokens), requests_per_day: toLimit(requests) }))}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  )
}
