import { useQuery } from '@tanstack/react-query'
import { Box, Card, CardContent, Chip, Grid, Skeleton, Stack, Typography } from '@mui/material'
import { getServices } from '../../api/system'
import { ErrorAlert } from '../../components/ErrorAlert'
import { Sparkline } from '../../components/Sparkline'
import { formatBytes, formatDisk } from '../../components/format'
import { useSystemStats } from '../../hooks/useSystemStats'
import { ServiceTile } from './ServiceTile'

export function DashboardPage() {
  const services = useQuery({ queryKey: ['services'], queryFn: getServices, refetchInterval: 10_000 })
  const { history, latest, state } = useSystemStats()

  return (
    <Box>
      <Typography variant="h4" gutterBottom>
        Dashboard
      </Typography>
      <Typography variant="h6" gutterBottom>
        Services
      </Typography>
      <ErrorAlert error={services.error} title="Could not list the services" />
      <Grid container spacing={2} sx={{ mb: 3 }}>
        {services.data
          ? services.data.map((s) => (
              <Grid key={s.name} size={{ xs: 12, md: 4 }}>
                <ServiceTile service={s} />
              </Grid>
            ))
          : [0, 1, 2].map((i) => (
              <Grid key={i} size={{ xs: 12, md: 4 }}>
                <Skeleton variant="rounded" height={130} />
              </Grid>
            ))}
      </Grid>
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
            <Typography variant="h6">Live system</Typography>
            <Chip data-testid="stats-socket" size="small" label={state} color={state === 'live' ? 'success' : 'default'} />
          </Stack>
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, md: 4 }}>
              <Sparkline label="CPU" values={history.map((s) => s.cpu.usage)} color="#1565c0" detail={latest && `${latest.cpu.cores} cores`} />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <Sparkline
                label="Memory"
                values={history.map((s) => s.memory.percent)}
                color="#2e7d32"
                detail={latest && `${formatBytes(latest.memory.used)} of ${formatBytes(latest.memory.total)}`}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <Sparkline
                label="Disk"
                values={history.map((s) => s.disk.percent)}
                color="#ef6c00"
                detail={latest && formatDisk(latest.disk)}
              />
            </Grid>
          </Grid>
        </CardContent>
      </Card>
    </Box>
  )
}
