// Imported only by _document, which renders on the server.
// ok: security-secret-exposed-to-browser
export const nonceSecret = process.env.CSP_NONCE_SECRET
