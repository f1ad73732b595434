import { Html, Head, Main, NextScript } from 'next/document'
import { nonceSecret } from '../lib/document'

export default function Document() {
  return <Html><Head nonce={nonceSecret} /><body><Main /><NextScript /></body></Html>
}
