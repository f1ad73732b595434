/* The few declarations of the MySQL client these fixtures use (a stand-in for the real header). */
typedef struct st_mysql MYSQL;
int mysql_query(MYSQL *mysql, const char *q);
int mysql_real_query(MYSQL *mysql, const char *q, unsigned long length);
