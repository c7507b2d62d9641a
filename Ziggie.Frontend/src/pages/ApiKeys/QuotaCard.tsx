import { useQuery } from '@tanstack/react-query'
import { Card, CardContent, LinearProgress, Stack, Typography } from '@mui/material'
import { getQuota } from '../../api/keys'
import type { Quota } from '../../api/types'
import { ErrorAlert } from '../../components/ErrorAlert'

function Meter({ label, meter }: { label: string; meter: Quota['tokens'] }) {
  const limit = meter.limit
  const shown = limit == null ? `${meter.used.toLocaleString()} used · unlimited` : `${meter.used.toLocaleString()} of ${limit.toLocaleString()}`
  return (
    <Stack sx={{ minWidth: 220 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography data-testid={`quota-${label.toLowerCase()}`}>{shown}</Typography>
      {limit != null && <LinearProgress variant="determinate" value={Math.min(100, (100 * meter.used) / limit)} color={meter.used >= limit ? 'error' : 'primary'} />}
    </Stack>
  )
}

/** Today's use against the caller's quota: the same numbers GET /api/usage/quota gives a script. */
export function QuotaCard() {
  const quota = useQuery({ queryKey: ['quota'], queryFn: getQuota, refetchInterval: 30_000 })
  return (
    <Card sx={{ mb: 2 }} data-testid="quota-card">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          Today&apos;s quota
        </Typography>
        <ErrorAlert error={quota.error} />
        {quota.data && (
          <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap' }}>
            <Meter label="Tokens" meter={quota.data.tokens} />
            <Meter label="Requests" meter={quota.data.requests} />
            <Stack>
              <Typography variant="body2" color="text.secondary">
                Resets
              </Typography>
              <Typography>{new Date(quota.data.resets_at).toLocaleString()}</Typography>
            </Stack>
          </Stack>
        )}
      </CardContent>
    </Card>
  )
}
