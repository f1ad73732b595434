// A pages-router app: every page under src/pages (but api/ and _document) is browser code.
module.exports = { reactStrictMode: true }
