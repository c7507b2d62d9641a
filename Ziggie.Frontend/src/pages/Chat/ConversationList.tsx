import { useState } from 'react'
import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, List, ListItemButton, ListItemText, TextField, Tooltip } from '@mui/material'
import EditIcon from '@mui/icons-material/Edit'
import DeleteIcon from '@mui/icons-material/Delete'
import type { Conversation } from '../../api/types'

interface Props {
  conversations: Conversation[]
  selected?: string
  onSelect: (id?: string) => void
  onRename: (id: string, title: string) => Promise<unknown>
  onDelete: (id: string) => Promise<unknown>
}

export function ConversationList({ conversations, selected, onSelect, onRename, onDelete }: Props) {
  const [renaming, setRenaming] = useState<Conversation>()
  const [title, setTitle] = useState('')
  const [deleting, setDeleting] = useState<Conversation>()

  return (
    <Box>
      <Button fullWidth variant="contained" onClick={() => onSelect(undefined)} sx={{ mb: 1 }}>
        New chat
      </Button>
      <List dense data-testid="conversation-list">
        {conversations.map((c) => (
          <ListItemButton key={c.id} selected={c.id === selected} onClick={() => onSelect(c.id)} sx={{ pr: 10, borderRadius: 1 }}>
            <ListItemText primary={c.title} secondary={`${c.message_count} messages`} slotProps={{ primary: { noWrap: true } }} />
            <Box sx={{ position: 'absolute', right: 4 }} onClick={(e) => e.stopPropagation()}>
              <Tooltip title="Rename">
                <IconButton size="small" aria-label={`Rename ${c.title}`} onClick={() => (setRenaming(c), setTitle(c.title))}>
                  <EditIcon fontSize="small" />
                </IconButton>
              </Tooltip>
              <Tooltip title="Delete">
                <IconButton size="small" aria-label={`Delete ${c.title}`} onClick={() => setDeleting(c)}>
                  <DeleteIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            </Box>
          </ListItemButton>
        ))}
      </List>

      <Dialog open={!!renaming} onClose={() => setRenaming(undefined)}>
        <DialogTitle>Rename conversation</DialogTitle>
        <DialogContent>
          <TextField autoFocus fullWidth margin="dense" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRenaming(undefined)}>Cancel</Button>
          <Button variant="contained" disabled={!title.trim()} onClick={async () => (await onRename(renaming!.id, title.trim()), setRenaming(undefined))}>
            Save
          </Button>
        </DialogActions>
      </Dialog>

      <Dialog open={!!deleting} onClose={() => setDeleting(undefined)}>
        <DialogTitle>Delete “{deleting?.title}”?</DialogTitle>
        <DialogContent>Its messages are deleted too. This cannot be undone.</DialogContent>
        <DialogActions>
          <Button onClick={() => setDeleting(undefined)}>Cancel</Button>
          <Button color="error" variant="contained" onClick={async () => (await onDelete(deleting!.id), setDeleting(undefined))}>
            Delete
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  )
}
