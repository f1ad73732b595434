// next.config headers(): { key, value } pairs.
module.exports = {
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          // ruleid: security-permissive-cors @warning
          { key: 'Access-Control-Allow-Origin', value: '*' },
          { key: 'Access-Control-Allow-Credentials', value: 'true' },
        ],
      },
    ]
  },
}
