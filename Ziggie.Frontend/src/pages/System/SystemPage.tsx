import { useQuery } from '@tanstack/react-query'
import { Box, Card, CardContent, Grid, LinearProgress, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material'
import { getSystemInfo, getSystemStats } from '../../api/system'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatBytes, formatDisk, formatDuration } from '../../components/format'

export function SystemPage() {
  const info = useQuery({ queryKey: ['system-info'], queryFn: getSystemInfo })
  const stats = useQuery({ queryKey: ['system-stats'], queryFn: getSystemStats, refetchInterval: 5000 })
  const i = info.data
  const s = stats.data

  const rows: [string, string][] = i
    ? [
        ['Host', i.hostname],
        ['Operating system', `${i.os} (${i.architecture})`],
        ['Runtime', i.runtime],
        ['Processors', String(i.processor_count)],
        ['In a container', i.container ? 'yes' : 'no'],
        ['Content root', i.content_root],
        ['Process', `pid ${i.process.pid}, ${i.process.threads} threads, ${formatBytes(i.process.working_set)} working set`],
        ['Up for', formatDuration(i.process.uptime_seconds)],
        ['Instance', i.instance],
      ]
    : []

  return (
    <Box>
      <Typography variant="h4" gutterBottom>
        System
      </Typography>
      <ErrorAlert error={info.error ?? stats.error} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Card>
            <CardContent>
              <Typography variant="h6">Backend host</Typography>
              <Table size="small" data-testid="system-info">
                <TableBody>
                  {rows.map(([label, value]) => (
                    <TableRow key={label}>
                      <TableCell sx={{ color: 'text.secondary', width: 180 }}>{label}</TableCell>
                      <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{value}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </CardContent>
          </Card>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Card data-testid="system-stats">
            <CardContent sx={{ display: 'grid', gap: 2 }}>
              <Typography variant="h6">Resources</Typography>
              <Meter label="CPU" percent={s?.cpu.usage} detail={s && `${s.cpu.cores} cores · ${s.cpu.source}`} />
              <Meter label="Memory" percent={s?.memory.percent} detail={s && `${formatBytes(s.memory.used)} of ${formatBytes(s.memory.total)} · ${s.memory.source}`} />
              <Meter label="Disk" percent={s?.disk.percent} detail={s && formatDisk(s.disk)} />
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </Box>
  )
}

function Meter({ label, percent, detail }: { label: string; percent?: number; detail?: string }) {
  return (
    <Box>
      <Typography variant="subtitle2">
        {label} {percent === undefined ? '' : `${percent.toFixed(1)} %`}
      </Typography>
      <LinearProgress variant="determinate" value={percent ?? 0} sx={{ height: 8, borderRadius: 4 }} />
      <Typography variant="caption" color="text.secondary">
        {detail}
      </Typography>
    </Box>
  )
}
