import { useState, type FormEvent } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router'
import { Alert, Box, Button, Card, CardContent, TextField, Typography } from '@mui/material'
import { useAuth } from '../../auth/AuthContext'
import { ErrorAlert } from '../../components/ErrorAlert'
import { SESSION_EXPIRED } from '../../api/client'

interface SignInState {
  from?: string
  expired?: boolean
}

export function SignInPage() {
  const { token, signIn } = useAuth()
  const navigate = useNavigate()
  const state = (useLocation().state ?? {}) as SignInState
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)

  const target = state.from && state.from !== '/sign-in' ? state.from : '/'
  if (token && !busy) return <Navigate to={target} replace />

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      await signIn(username, password)
      navigate(target, { replace: true })
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: '#eef2f7' }}>
      <Card sx={{ width: 380 }}>
        <CardContent component="form" onSubmit={submit} sx={{ display: 'grid', gap: 2, p: 4 }}>
          <Typography variant="h5" sx={{ fontWeight: 700 }}>
            Ziggie Control Center
          </Typography>
          <Typography color="text.secondary">Sign in to manage your local LLMs.</Typography>
          {state.expired && <Alert severity="info">{SESSION_EXPIRED}</Alert>}
          <ErrorAlert error={error} />
          <TextField label="Username" name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
          <TextField label="Password" name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          <Button type="submit" variant="contained" size="large" disabled={busy}>
            Sign in
          </Button>
          <Typography variant="caption" color="text.secondary">
            The first admin is <b>admin</b>; its password is the AppHost parameter <b>admin-password</b> (Aspire dashboard → Parameters).
          </Typography>
        </CardContent>
      </Card>
    </Box>
  )
}
