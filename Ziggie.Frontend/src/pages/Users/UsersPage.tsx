import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Box, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material'
import { createUser, listUsers, setUserActive } from '../../api/auth'
import { clearUserQuota, setUserQuota } from '../../api/keys'
import type { User } from '../../api/types'
import { useAuth } from '../../auth/AuthContext'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatDate } from '../../components/format'
import { CreateUserDialog } from './CreateUserDialog'
import { QuotaDialog } from './QuotaDialog'

function describeQuota(user: User) {
  if (!user.quota) return 'role default'
  const parts = [
    user.quota.tokens_per_day != null ? `${user.quota.tokens_per_day.toLocaleString()} tokens` : null,
    user.quota.requests_per_day != null ? `${user.quota.requests_per_day.toLocaleString()} requests` : null,
  ].filter(Boolean)
  return parts.length ? `${parts.join(', ')} / day` : 'unlimited'
}

export function UsersPage() {
  const { user: me } = useAuth()
  const queryClient = useQueryClient()
  const users = useQuery({ queryKey: ['users'], queryFn: listUsers })
  const [creating, setCreating] = useState(false)
  const [quotaOf, setQuotaOf] = useState<User>()
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] })
  const create = useMutation({ mutationFn: createUser, onSuccess: refresh })
  const toggle = useMutation({ mutationFn: ({ id, active }: { id: string; active: boolean }) => setUserActive(id, active), onSuccess: refresh })

  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h4">Users</Typography>
        <Button variant="contained" onClick={() => setCreating(true)}>
          New user
        </Button>
      </Stack>
      <Card>
        <CardContent>
          <ErrorAlert error={users.error ?? toggle.error} />
          <Table size="small" data-testid="users-table">
            <TableHead>
              <TableRow>
                <TableCell>Username</TableCell>
                <TableCell>Role</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Email</TableCell>
                <TableCell>Created</TableCell>
                <TableCell>Last sign-in</TableCell>
                <TableCell>Quota</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(users.data ?? []).map((u) => (
                <TableRow key={u.id} data-testid={`user-${u.username}`}>
                  <TableCell>{u.username}</TableCell>
                  <TableCell>{u.role}</TableCell>
                  <TableCell>
                    <Chip size="small" label={u.is_active ? 'active' : 'inactive'} color={u.is_active ? 'success' : 'default'} />
                  </TableCell>
                  <TableCell>{u.email ?? '—'}</TableCell>
                  <TableCell>{formatDate(u.created_at)}</TableCell>
                  <TableCell>{formatDate(u.last_login)}</TableCell>
                  <TableCell data-testid={`quota-of-${u.username}`}>{describeQuota(u)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" onClick={() => setQuotaOf(u)}>
                      Quota
                    </Button>
                    {u.id !== me?.id && (
                      <Button size="small" color={u.is_active ? 'error' : 'primary'} onClick={() => toggle.mutate({ id: u.id, active: !u.is_active })}>
                        {u.is_active ? 'Deactivate' : 'Activate'}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      {quotaOf && (
        <QuotaDialog
          user={quotaOf}
          onClose={() => setQuotaOf(undefined)}
          onSave={async (quota) => { await setUserQuota(quotaOf.id, quota); await refresh() }}
          onClear={async () => { await clearUserQuota(quotaOf.id); await refresh() }}
        />
      )}
      <CreateUserDialog open={creating} onClose={() => setCreating(false)} onCreate={create.mutateAsync} />
    </Box>
  )
}
