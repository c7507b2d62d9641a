import { Button, Card, CardContent, Stack, Typography } from '@mui/material'
import { StatusBadge, badgeState } from '../../components/StatusBadge'
import { useLlmStatus } from '../../hooks/useLlmStatus'

export function StatusPanel() {
  const { data, failure, refetch, isFetching } = useLlmStatus()
  const reason = badgeState(data, failure).reason
  return (
    <Card sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: { md: 'center' } }}>
          <StatusBadge status={data} failure={failure} />
          <Field label="Ollama version" value={data?.version?.version ?? '—'} testId="llm-version" />
          <Field label="Ollama URL" value={data?.url ?? '—'} testId="llm-url" />
          <Field label="Answering backend" value={data?.instance.id ?? '—'} testId="llm-instance" />
          <Field label="Latency" value={data ? `${data.latency_ms} ms` : '—'} />
          <Button onClick={() => refetch()} disabled={isFetching} sx={{ ml: 'auto' }}>
            Check now
          </Button>
        </Stack>
        {reason && (
          <Typography data-testid="llm-status-reason" color="error" variant="body2" sx={{ mt: 1 }}>
            {reason}
          </Typography>
        )}
      </CardContent>
    </Card>
  )
}

function Field({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography data-testid={testId} variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {value}
      </Typography>
    </div>
  )
}
