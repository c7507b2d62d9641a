import { Box, Typography } from '@mui/material'

/** A small line chart of percentages (0–100), newest on the right. */
export function Sparkline({ label, values, color, detail }: { label: string; values: number[]; color: string; detail?: string }) {
  const width = 240
  const height = 60
  const pad = 3 // keeps a line at 0 % or 100 % from being cut in half by the edge
  const step = values.length > 1 ? width / (values.length - 1) : width
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(pad + (1 - Math.min(100, Math.max(0, v)) / 100) * (height - 2 * pad)).toFixed(1)}`)
  const current = values.at(-1)
  return (
    <Box data-testid={`chart-${label.toLowerCase()}`}>
      <Typography variant="subtitle2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5">{current === undefined ? '—' : `${current.toFixed(1)} %`}</Typography>
      <svg width="100%" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" style={{ height: 60, background: '#f5f7fa', borderRadius: 4 }}>
        {points.length > 1 && <polyline fill="none" stroke={color} strokeWidth="2" points={points.join(' ')} />}
      </svg>
      {detail && (
        <Typography variant="caption" color="text.secondary">
          {detail}
        </Typography>
      )}
    </Box>
  )
}
