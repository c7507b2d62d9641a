export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  const power = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)))
  return `${(bytes / 1024 ** power).toFixed(power === 0 ? 0 : 1)} ${units[power]}`
}

export function formatDuration(seconds: number): string {
  const s = Math.floor(seconds)
  const [d, h, m] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60)]
  if (d) return `${d} d ${h} h`
  if (h) return `${h} h ${m} min`
  if (m) return `${m} min ${s % 60} s`
  return `${s % 60} s`
}

export const formatDate = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '—')

/**
 * One wording for the disk on every page, in df's terms: used, free (what can still be written) and the
 * size; the percent beside it is used of used + free, as df's Use%. Reserved blocks are why used + free < size.
 */
export const formatDisk = (disk: { path: string; total: number; used: number; free: number }) =>
  `${formatBytes(disk.used)} used · ${formatBytes(disk.free)} free · ${formatBytes(disk.total)} disk on ${disk.path}`
