/* A fixture for check-layering: SQL outside src/store. */
static int
count (void *db)
{
  return sqlite3_changes (db);
}
