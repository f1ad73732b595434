// A report job in C++: std::string concatenation, +=, streams, and the MySQL C API.
#include <sstream>
#include <string>
#include "mysql.h"

int count_by_owner(MYSQL *db, const std::string &owner)
{
    std::string sql = "SELECT count(*) FROM listings WHERE owner = '" + owner + "'";
    // ruleid: security-sql-string-formatting
    return mysql_query(db, sql.c_str());
}

int delete_tag(MYSQL *db, const std::string &tag)
{
    std::string sql = "DELETE FROM tags WHERE name = '";
    sql += tag;
    sql += "'";
    // ruleid: security-sql-string-formatting
    return mysql_real_query(db, sql.data(), sql.size());
}

int archive(MYSQL *db, const char *city)
{
    std::ostringstream q;
    q << "UPDATE listings SET archived = 1 WHERE city = '" << city << "'";
    // ruleid: security-sql-string-formatting
    return mysql_query(db, q.str().c_str());
}

namespace reports {
struct Job {
    MYSQL *db;
    int run(const std::string &table)
    {
        std::string sql;
        sql.append("TRUNCATE ").append(table);
        // ruleid: security-sql-string-formatting
        return mysql_query(db, sql.c_str());
    }
};
}  // namespace reports

/* ---- look-alikes that must stay clean ---- */

int totals(MYSQL *db, int year)
{
    std::string sql = "SELECT sum(price) FROM sales WHERE year = " + std::to_string(year);
    // ok: security-sql-string-formatting
    return mysql_query(db, sql.c_str());
}

int fixed(MYSQL *db)
{
    std::string sql = "SELECT 1";
    sql += " FROM dual";
    // ok: security-sql-string-formatting
    return mysql_query(db, sql.c_str());
}
