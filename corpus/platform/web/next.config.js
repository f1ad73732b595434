/** @type {import('next').NextConfig} */
module.exports = {
  env: {
    // The audit: a server key inlined into the client bundle by next.config's env.
    // ruleid: security-secret-exposed-to-browser @error
    OPENAI_API_KEY: process.env.OPENAI_API_KEY,
  },
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          // ruleid: security-permissive-cors @note
          { key: 'Access-Control-Allow-Origin', value: '*' },
        ],
      },
    ]
  },
}
