import { useState } from 'react'
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material'
import type { NewUser } from '../../api/auth'
import { ErrorAlert } from '../../components/ErrorAlert'

const empty: NewUser = { username: '', password: '', role: 'user', email: '' }

export function CreateUserDialog({ open, onClose, onCreate }: { open: boolean; onClose: () => void; onCreate: (user: NewUser) => Promise<unknown> }) {
  const [user, setUser] = useState<NewUser>(empty)
  const [error, setError] = useState<unknown>()
  const set = (field: keyof NewUser) => (e: { target: { value: string } }) => setUser((u) => ({ ...u, [field]: e.target.value }))

  const create = async () => {
    setError(undefined)
    try {
      await onCreate({ ...user, email: user.email || undefined })
      setUser(empty)
      onClose()
    } catch (e) {
      setError(e)
    }
  }

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="xs">
      <DialogTitle>New user</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 2, pt: '8px !important' }}>
        <ErrorAlert error={error} />
        <TextField label="Username" name="new-username" value={user.username} onChange={set('username')} helperText="3–32 letters, digits, . _ -" />
        <TextField label="Password" name="new-password" type="password" value={user.password} onChange={set('password')} helperText="At least 12 characters" />
        <TextField select label="Role" name="new-role" value={user.role} onChange={set('role')}>
          <MenuItem value="user">user</MenuItem>
          <MenuItem value="readonly">readonly</MenuItem>
          <MenuItem value="admin">admin</MenuItem>
        </TextField>
        <TextField label="Email (optional)" name="new-email" value={user.email} onChange={set('email')} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={create}>
          Create
        </Button>
      </DialogActions>
    </Dialog>
  )
}
