import { Box, Chip, Paper, Typography } from '@mui/material'
import { Markdown } from '../../components/Markdown'

export function MessageBubble({ role, content, interrupted }: { role: string; content: string; interrupted?: boolean }) {
  const mine = role === 'user'
  return (
    <Box sx={{ display: 'flex', justifyContent: mine ? 'flex-end' : 'flex-start', my: 1 }}>
      <Paper
        data-testid={`message-${role}`}
        elevation={0}
        sx={{ px: 2, py: 1, maxWidth: '80%', bgcolor: mine ? 'primary.main' : 'white', color: mine ? 'white' : 'text.primary', border: mine ? 0 : 1, borderColor: 'divider' }}
      >
        {mine ? <Typography sx={{ whiteSpace: 'pre-wrap' }}>{content}</Typography> : <Markdown text={content} />}
        {interrupted && <Chip size="small" color="warning" label="interrupted" sx={{ mt: 0.5 }} />}
      </Paper>
    </Box>
  )
}
