import { useState } from 'react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material'
import { deleteModel, getModels } from '../../api/llm'
import { ErrorAlert } from '../../components/ErrorAlert'
import { formatBytes, formatDate } from '../../components/format'
import { PullForm } from './PullForm'

export function ModelsPage() {
  const queryClient = useQueryClient()
  const models = useQuery({ queryKey: ['models'], queryFn: getModels })
  const [deleting, setDeleting] = useState<string>()
  const remove = useMutation({
    mutationFn: deleteModel,
    onSettled: () => setDeleting(undefined),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['models'] }),
  })

  return (
    <Box>
      <Typography variant="h4" gutterBottom>
        Models
      </Typography>
      <Card>
        <CardContent>
          <PullForm />
          <ErrorAlert error={models.error ?? remove.error} />
          <Table size="small" data-testid="models-table">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell align="right">Size</TableCell>
                <TableCell>Parameters</TableCell>
                <TableCell>Quantization</TableCell>
                <TableCell>Modified</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {(models.data ?? []).map((m) => (
                <TableRow key={m.name}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{m.name}</TableCell>
                  <TableCell align="right">{formatBytes(m.size)}</TableCell>
                  <TableCell>{m.details?.parameter_size ?? '—'}</TableCell>
                  <TableCell>{m.details?.quantization_level ?? '—'}</TableCell>
                  <TableCell>{formatDate(m.modified_at)}</TableCell>
                  <TableCell align="right">
                    <Button size="small" color="error" onClick={() => setDeleting(m.name)}>
                      Delete
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {models.data?.length === 0 && <Typography sx={{ mt: 2 }}>Ollama has no models yet: pull one above.</Typography>}
        </CardContent>
      </Card>
      <Dialog open={!!deleting} onClose={() => setDeleting(undefined)}>
        <DialogTitle>Delete {deleting}?</DialogTitle>
        <DialogContent>Ollama removes the model's files; pulling it again downloads it again.</DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(undefined)}>Cancel</Button>
          <Button color="error" variant="contained" disabled={remove.isPending} onClick={() => remove.mutate(deleting!)}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  )
}
