import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useNavigate, useParams } from 'react-router'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { Box, Button, Grid, Paper, Stack, TextField, Typography } from '@mui/material'
import { createConversation, deleteConversation, getConversation, listConversations, renameConversation } from '../../api/conversations'
import { ErrorAlert } from '../../components/ErrorAlert'
import { ModelPicker } from '../../components/ModelPicker'
import { ConversationList } from './ConversationList'
import { MessageBubble } from './MessageBubble'
import { useChatStream } from './useChatStream'
import { useAuth } from '../../auth/AuthContext'

const titleFrom = (text: string) => (text.length > 48 ? `${text.slice(0, 45)}…` : text)

export function ChatPage() {
  const { id } = useParams()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const [model, setModel] = useState('')
  const [input, setInput] = useState('')
  const [sending, setSending] = useState(false)
  const [sendError, setSendError] = useState<unknown>()
  const chat = useChatStream()
  const readonly = useAuth().user?.role === 'readonly'
  const bottom = useRef<HTMLDivElement>(null)

  const conversations = useQuery({ queryKey: ['conversations'], queryFn: listConversations })
  // Refetched only when a send or a rename invalidates it, never mid-stream (that would show the question twice).
  const conversation = useQuery({ queryKey: ['conversation', id], queryFn: () => getConversation(id!), enabled: !!id, staleTime: Infinity })
  const rename = useMutation({
    mutationFn: ({ id, title }: { id: string; title: string }) => renameConversation(id, title),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['conversations'] }),
  })
  const remove = useMutation({
    mutationFn: deleteConversation,
    onSuccess: (_, removed) => {
      if (removed === id) navigate('/chat')
      return queryClient.invalidateQueries({ queryKey: ['conversations'] })
    },
  })

  const stored = id ? (conversation.data?.messages ?? []) : []
  // A block body on purpose: newer Chromium returns a Promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' })
  }, [stored.length, chat.pending?.answer])

  // A question is never lost: until the backend has taken it, it stays in the box; if the send fails before
  // any answer came, it goes back there, with the error beside it. One send at a time.
  const send = async (event: FormEvent) => {
    event.preventDefault()
    const question = input.trim()
    if (!question || !model || sending) return
    setSending(true)
    setSendError(undefined)
    try {
      let target = id
      if (!target) {
        const created = await createConversation(titleFrom(question), model)
        target = created.id
        queryClient.setQueryData(['conversation', target], { conversation: created, messages: [] })
        navigate(`/chat/${target}`)
      }
      setInput('')
      const history = stored.filter((m) => m.content).map((m) => ({ role: m.role, content: m.content }))
      const outcome = await chat.send(target, model, history, question)
      const lost = outcome.failed && !outcome.answered
      if (lost) setInput((current) => current || question)
      await Promise.all([
        // Not the conversation itself after a lost send: the question is back in the box, not twice on the page.
        lost ? undefined : queryClient.invalidateQueries({ queryKey: ['conversation', target] }),
        queryClient.invalidateQueries({ queryKey: ['conversations'] }),
      ])
      chat.clear()
    } catch (error) {
      setSendError(error)
    } finally {
      setSending(false)
    }
  }

  return (
    <Box>
      <Typography variant="h4" gutterBottom>
        Chat
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 3 }}>
          <Paper sx={{ p: 1.5 }}>
            <ErrorAlert error={conversations.error ?? rename.error ?? remove.error} />
            <ConversationList
              conversations={conversations.data ?? []}
              selected={id}
              onSelect={(c) => navigate(c ? `/chat/${c}` : '/chat')}
              onRename={(c, title) => rename.mutateAsync({ id: c, title })}
              onDelete={(c) => remove.mutateAsync(c)}
            />
          </Paper>
        </Grid>
        <Grid size={{ xs: 12, md: 9 }}>
          <Paper sx={{ p: 2, display: 'flex', flexDirection: 'column', height: 'calc(100vh - 190px)', minHeight: 420 }}>
            <Box sx={{ width: 320, mb: 1 }}>
              <ModelPicker value={model} onChange={setModel} />
            </Box>
            <Box data-testid="messages" sx={{ flexGrow: 1, overflowY: 'auto', px: 1, bgcolor: '#fafbfc', borderRadius: 1 }}>
              {!id && !chat.pending && <Typography color="text.secondary" sx={{ mt: 2 }}>Ask something to start a new conversation.</Typography>}
              <ErrorAlert error={conversation.error} />
              {stored.map((m) => (
                <MessageBubble key={m.id} role={m.role} content={m.content} interrupted={m.status === 'interrupted'} />
              ))}
              {chat.pending && (
                <>
                  <MessageBubble role="user" content={chat.pending.question} />
                  <MessageBubble role="assistant" content={chat.pending.answer || '…'} />
                </>
              )}
              <div ref={bottom} />
            </Box>
            <ErrorAlert error={sendError} title="Not sent" />
            <ErrorAlert error={chat.error} title="The answer failed" />
            <Stack component="form" direction="row" spacing={1} onSubmit={send} sx={{ mt: 1 }}>
              <TextField
                fullWidth
                size="small"
                name="message"
                placeholder={readonly ? 'Your role is readonly: you may read conversations, not chat.' : 'Message'}
                value={input}
                onChange={(e) => setInput(e.target.value)}
                disabled={sending || readonly}
              />
              {chat.running ? (
                <Button color="error" variant="outlined" onClick={chat.stop}>
                  Stop
                </Button>
              ) : (
                <Button type="submit" variant="contained" disabled={sending || !input.trim() || !model}>
                  Send
                </Button>
              )}
            </Stack>
          </Paper>
        </Grid>
      </Grid>
    </Box>
  )
}
