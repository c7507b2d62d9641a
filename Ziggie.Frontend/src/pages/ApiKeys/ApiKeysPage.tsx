import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, Box, Button, Card, CardContent, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material'
import { createKey, listKeys, revokeKey } from '../../api/keys'
import { getServices } from '../../api/system'
import type { CreatedKey } from '../../api/types'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDate } from '../../components/format'
import { CopyButton, KeySnippets } from './KeySnippets'
import { QuotaCard } from './QuotaCard'

/** The backend's own address for other tools (the page itself may be served from another origin that proxies /api). */
function useBackendOrigin() {
  const services = useQuery({ queryKey: ['services'], queryFn: getServices, staleTime: 60_000 })
  const backend = services.data?.find((s) => s.name === 'backend')?.endpoint
  return backend && /^https?:\/\//.test(backend) ? backend.replace(/\/$/, '') : window.location.origin
}

export function ApiKeysPage() {
  const queryClient = useQueryClient()
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: listKeys })
  const origin = useBackendOrigin()
  const [name, setName] = useState('')
  const [expires, setExpires] = useState('')
  const [created, setCreated] = useState<CreatedKey>()
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['api-keys'] })
  const create = useMutation({
    mutationFn: () => createKey(name.trim(), expires ? new Date(`${expires}T23:59:59Z`).toISOString() : undefined),
    onSuccess: (key) => {
      setCreated(key)
      setName('')
      setExpires('')
      void refresh()
    },
  })
  const revoke = useMutation({ mutationFn: revokeKey, onSuccess: refresh })

  return (
    <Box>
      <Typography variant="h4" sx={{ mb: 2 }}>
        API keys
      </Typography>
      <QuotaCard />
      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            New key
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            A key lets your own tools (Open WebUI, scripts, IDE assistants) use the models as you, on the LLM routes only: it cannot manage users or keys.
          </Typography>
          <Stack direction="row" spacing={2} component="form" onSubmit={(e) => { e.preventDefault(); create.mutate() }}>
            <TextField size="small" label="Name" value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { 'data-testid': 'key-name', maxLength: 64 } }} />
            <TextField size="small" type="date" label="Expires (optional)" value={expires} onChange={(e) => setExpires(e.target.value)} slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'key-expires' } }} />
            <Button type="submit" variant="contained" disabled={!name.trim() || create.isPending}>
              Create key
            </Button>
          </Stack>
          <ErrorAlert error={create.error} />
          {created && (
            <Alert severity="success" sx={{ mt: 2 }} data-testid="created-key" onClose={() => setCreated(undefined)}>
              <Typography>
                Key &quot;{created.name}&quot; created. Copy it now: it is shown only this once.
              </Typography>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 1 }}>
                <Box component="code" data-testid="created-key-secret" sx={{ p: 0.5, bgcolor: 'grey.100', wordBreak: 'break-all' }}>
                  {created.key}
                </Box>
                <CopyButton text={created.key} />
              </Stack>
              <KeySnippets origin={origin} secret={created.key} />
            </Alert>
          )}
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <ErrorAlert error={keys.error ?? revoke.error} />
          <Table size="small" data-testid="keys-table">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Key</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Last used</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(keys.data ?? []).map((k) => (
                <TableRow key={k.id} data-testid={`key-${k.name}`}>
                  <TableCell>{k.name}</TableCell>
                  <TableCell>
                    <code>{k.prefix}…</code>
                  </TableCell>
                  <TableCell>{formatDate(k.created_at)}</TableCell>
                  <TableCell>{formatDate(k.last_used)}</TableCell>
                  <TableCell>{k.expires_at ? formatDate(k.expires_at) : 'never'}</TableCell>
                  <TableCell align="right">
                    <Button size="small" color="error" onClick={() => revoke.mutate(k.id)}>
                      Revoke
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
              {keys.data?.length === 0 && (
                <TableRow>
                  <TableCell colSpan={6}>No keys yet.</TableCell>
                </TableRow>
              )}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </Box>
  )
}
