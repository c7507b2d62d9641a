import { useState } from 'react'
import { Box, Button, Tab, Tabs, Typography } from '@mui/material'
import ContentCopyIcon from '@mui/icons-material/ContentCopy'

/** How to use a key from the tools people have: OllamaSharp and ollama-python at /ollama, the OpenAI SDK at /v1. */
export function snippets(origin: string, key: string) {
  return [
    {
      label: 'OllamaSharp',
      code: `var http = new HttpClient { BaseAddress = new Uri("${origin}/ollama") };
http.DefaultRequestHeaders.Authorization = new("Bearer", "${key}");
var ollama = new OllamaSharp.OllamaApiClient(http);`,
    },
    {
      label: 'ollama-python',
      code: `from ollama import Client
client = Client(host="${origin}/ollama", headers={"Authorization": "Bearer ${key}"})
print(client.chat(model="llama3.2", messages=[{"role": "user", "content": "Hello"}]))`,
    },
    {
      label: 'OpenAI SDK',
      code: `from openai import OpenAI
client = OpenAI(base_url="${origin}/v1", api_key="${key}")
print(client.chat.completions.create(model="llama3.2", messages=[{"role": "user", "content": "Hello"}]))`,
    },
    {
      label: 'curl',
      code: `curl -H "Authorization: Bearer ${key}" ${origin}/api/llm/generate \\
  -d '{"model":"llama3.2","prompt":"Hello","stream":false}'`,
    },
  ]
}

export function CopyButton({ text, label = 'Copy' }: { text: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
      setState('copied')
    } catch {
      // The clipboard needs a secure origin (https or localhost) and the page's permission.
      setState('failed')
    }
  }
  return (
    <Button size="small" startIcon={<ContentCopyIcon />} onClick={copy}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the text and copy it' : label}
    </Button>
  )
}

export function KeySnippets({ origin, secret }: { origin: string; secret: string }) {
  const [tab, setTab] = useState(0)
  const all = snippets(origin, secret)
  return (
    <Box data-testid="key-snippets">
      <Tabs value={tab} onChange={(_, value: number) => setTab(value)} sx={{ mb: 1 }}>
        {all.map((s) => (
          <Tab key={s.label} label={s.label} />
        ))}
      </Tabs>
      <Box component="pre" sx={{ p: 1.5, bgcolor: 'grey.100', borderRadius: 1, overflowX: 'auto', fontSize: 13, m: 0 }}>
        {all[tab].code}
      </Box>
      <CopyButton text={all[tab].code} label="Copy snippet" />
      <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
        Ollama clients use the base URL {origin}/ollama, OpenAI clients {origin}/v1; the key goes in Authorization: Bearer.
      </Typography>
    </Box>
  )
}
