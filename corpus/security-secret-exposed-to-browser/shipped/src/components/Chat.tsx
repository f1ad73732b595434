"use client";
import ask from '../lib/openai'

export default function Chat() {
  const load = async () => (await import('@/lib/lazy')).sign('me')
  return <button onClick={() => ask('hi').then(load)}>ask</button>
}
