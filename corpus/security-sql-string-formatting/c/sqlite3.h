/* The few declarations of SQLite these fixtures use (a stand-in for the real header). */
typedef struct sqlite3 sqlite3;
typedef struct sqlite3_stmt sqlite3_stmt;
int sqlite3_exec(sqlite3 *, const char *sql, int (*callback)(void *, int, char **, char **),
                 void *, char **errmsg);
int sqlite3_prepare_v2(sqlite3 *db, const char *zSql, int nByte, sqlite3_stmt **ppStmt,
                       const char **pzTail);
char *sqlite3_mprintf(const char *, ...);
char *sqlite3_snprintf(int, char *, const char *, ...);
void sqlite3_free(void *);
