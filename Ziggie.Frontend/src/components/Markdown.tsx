import { useRef, useState, type ReactNode } from 'react'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Box, Button } from '@mui/material'

function CodeBlock({ children }: { children?: ReactNode }) {
  const ref = useRef<HTMLPreElement>(null)
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    await navigator.clipboard?.writeText(ref.current?.innerText ?? '')
    setCopied(true)
    setTimeout(() => setCopied(false), 1500)
  }
  return (
    <Box sx={{ position: 'relative', my: 1 }}>
      <Button size="small" variant="contained" color="inherit" onClick={copy} sx={{ position: 'absolute', top: 4, right: 4, minWidth: 0, py: 0 }}>
        {copied ? 'Copied' : 'Copy'}
      </Button>
      <Box component="pre" ref={ref} sx={{ bgcolor: '#1e1e2e', color: '#e6e6e6', p: 1.5, pr: 9, borderRadius: 1, overflowX: 'auto', fontSize: 13, m: 0 }}>
        {children}
      </Box>
    </Box>
  )
}

/** Assistant answers: Markdown with tables and code blocks that can be copied. */
export function Markdown({ text }: { text: string }) {
  return (
    <Box sx={{ '& p': { my: 0.5 }, '& code': { fontFamily: 'monospace' } }}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={{ pre: ({ children }) => <CodeBlock>{children}</CodeBlock> }}>
        {text}
      </ReactMarkdown>
    </Box>
  )
}
