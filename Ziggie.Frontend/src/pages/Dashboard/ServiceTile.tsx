import { Card, CardContent, Chip, Stack, Typography } from '@mui/material'
import type { ServiceEntry } from '../../api/types'

const colors = { healthy: 'success', degraded: 'warning', down: 'error' } as const

export function ServiceTile({ service }: { service: ServiceEntry }) {
  return (
    <Card data-testid={`service-${service.name}`} sx={{ height: '100%' }}>
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1 }}>
          <Typography variant="h6">{service.name}</Typography>
          <Chip size="small" label={service.status} color={colors[service.status] ?? 'default'} />
        </Stack>
        <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
          {service.endpoint || '—'}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {service.name === 'backend' ? 'answering this page' : `${service.latency_ms.toFixed(1)} ms`}
        </Typography>
        {service.detail && (
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mt: 1, wordBreak: 'break-word' }}>
            {service.detail}
          </Typography>
        )}
      </CardContent>
    </Card>
  )
}
