// better-sqlite3 in a plain JavaScript script (parsed with the tsx grammar).
const Database = require('better-sqlite3');

const db = new Database('cache.db');
const TABLE = 'listing_cache';

function cached(url) {
  // ruleid: security-sql-string-formatting
  return db.prepare(`SELECT html FROM listing_cache WHERE url = '${url}'`).get();
}

function purge(source) {
  // ruleid: security-sql-string-formatting
  db.exec('DELETE FROM listing_cache WHERE source = ' + "'" + source + "'");
}

function cachedOk(url) {
  // ok: security-sql-string-formatting
  return db.prepare(`SELECT html FROM ${TABLE} WHERE url = ?`).get(url);
}

function manyOk(urls) {
  const marks = urls.map(() => '?').join(', ');
  // ok: security-sql-string-formatting
  return db.prepare(`SELECT url FROM listing_cache WHERE url IN (${marks})`).all(...urls);
}

function regexExecOk(line) {
  // RegExp.prototype.exec is not SQL
  // ok: security-sql-string-formatting
  return /select (\w+)/.exec(`${line}`);
}

module.exports = { cached, purge, cachedOk, manyOk, regexExecOk };
