// The retry helper the audit asks for: exponential backoff on 429 and 5xx answers.
export interface RetryOptions {
  maxAttempts?: number
  delay?: number
  backoff?: number
}

function isRetryable(err: unknown): boolean {
  const status = (err as { status?: number }).status
  return status === undefined || status === 429 || status >= 500
}

export async function retry<T>(fn: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const { maxAttempts = 3, delay = 1000, backoff = 2 } = opts
  let wait = delay
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (err) {
      if (attempt >= maxAttempts || !isRetryable(err)) throw err
      await new Promise((resolve) => setTimeout(resolve, wait))
      wait *= backoff
    }
  }
}
