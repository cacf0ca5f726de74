/* db/query.h — the one SQLite connection a report script gets: read-only and hardened.
 *
 * Opens the snapshot with SQLITE_OPEN_READONLY (URI mode=ro), PRAGMA query_only, the defensive
 * flag, no extension loading, no attachments, and an authorizer that allows reads only. Every
 * statement is checked when prepared: a write, a schema change, ATTACH, a writable PRAGMA, VACUUM,
 * a transaction, a denied function or a second statement in the same string is refused with a
 * message that says so. sqlite3.h stays inside src/db/: callers see opaque handles.
 *
 * Ownership: a db_query owns its statements' memory only until db_stmt_free; the caller frees
 * every statement before db_query_close (one freed after it is finalized then, and the last of
 * them closes the connection). db_stmt_free keeps the statement, reset, for its SQL text: a later
 * db_stmt_prepare of exactly that text gets it back unprepared again (the last 16 texts). */
#ifndef RAPP_DB_QUERY_H
#define RAPP_DB_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct db_query db_query;
typedef struct db_stmt db_stmt;

/* Column value types as SQLite reports them for the current row. */
typedef enum db_type { DB_NULL = 0, DB_INTEGER, DB_REAL, DB_TEXT, DB_BLOB } db_type;

/* Opens path read-only. On failure *out is NULL and err says why: exit code 2 when path is a
 * FIFO, device or socket (refused at once, never waited on). A WAL-mode file is opened as
 * immutable (no -wal or -shm file is created beside it) and refused when a non-empty -wal file
 * beside it holds changes. */
int db_query_open(const char *path, db_query **out, rapp_err *err);
void db_query_close(db_query *q); /* NULL is a no-op */

/* Called by SQLite every few thousand virtual-machine steps of a running statement with the
 * number of steps since the last call; a nonzero return interrupts the statement and step then
 * fails with `interrupt_msg(ud)` as its message. Rationale: an endless recursive CTE must stop
 * under the same instruction and time budget as the script. */
void db_query_set_progress(db_query *q, int (*fn)(void *ud, unsigned steps),
                           const char *(*interrupt_msg)(void *ud), void *ud);

/* One memory budget (--memory-limit) for the script's Lua heap and SQLite's heap together.
 * db_memory_budget sets it (bytes; mb for the message; 0 bytes: none) for the whole process:
 * SQLite's heap may then use what the Lua heap leaves (set before each prepare and step; SQLite
 * allocates through query.c's counting allocator, which refuses what would pass it), temporary
 * storage stays in memory (temp_store=MEMORY), and a query that needs more fails with "the
 * script used more than N MB of memory ...". The Lua allocator calls db_memory_lua_over with the
 * bytes the Lua heap would hold after growing: nonzero when that plus SQLite's heap passes cap
 * (the growth must fail). */
void db_memory_budget(size_t bytes, size_t mb);
int db_memory_lua_over(size_t lua_bytes, size_t cap);

/* Prepares one statement (or takes the one kept for exactly this text: see above). Refusals and syntax errors give -1 with SQLite's or the refusal's
 * message only (the caller adds the script line and query): "query refused: the snapshot is
 * read-only (INSERT)", "no such column: budsjett". */
int db_stmt_prepare(db_query *q, const char *sql, db_stmt **out, rapp_err *err);
void db_stmt_free(db_stmt *s); /* NULL is a no-op */

/* Parameters: count, and the 1-based index of a named one (":period" given as "period");
 * 0 when there is no such name. */
int db_stmt_param_count(db_stmt *s);
int db_stmt_param_index(db_stmt *s, const char *name);
const char *db_stmt_param_name(db_stmt *s, int i); /* ":period", or NULL for "?" */
int db_stmt_bind_null(db_stmt *s, int i);
int db_stmt_bind_int(db_stmt *s, int i, int64_t v);
int db_stmt_bind_double(db_stmt *s, int i, double v);
int db_stmt_bind_text(db_stmt *s, int i, const char *v, size_t len); /* copied */

/* Runs to the next row: 1 row ready, 0 done, -1 error (err holds SQLite's message, or the
 * progress callback's interrupt message). */
int db_stmt_step(db_stmt *s, rapp_err *err);

int db_stmt_column_count(db_stmt *s);
const char *db_stmt_column_name(db_stmt *s, int i);
db_type db_stmt_column_type(db_stmt *s, int i);
int64_t db_stmt_column_int(db_stmt *s, int i);
double db_stmt_column_double(db_stmt *s, int i);
/* Text of the column (valid until the next step or free); *len gets its length in bytes. */
const char *db_stmt_column_text(db_stmt *s, int i, size_t *len);

#endif
