// Where a piece of text is stored: every text-like column (text, varchar, char, json, jsonb and
// arrays of them) of every table in the database, found through information_schema so that a
// table or column added later is searched too.
import type pg from "pg";

type Column = { schema: string; table: string; column: string };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function textColumns(db: pg.Pool): Promise<Column[]> {
  const { rows } = await db.query<Column>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE t.table_type = 'BASE TABLE'
        AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND (c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
             OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar', '_bpchar', '_json', '_jsonb')))
      ORDER BY 1, 2, 3`,
  );
  return rows;
}

/** "schema.table.column" of every column where some row's value contains `needle`. */
export async function columnsHolding(db: pg.Pool, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const { schema, table, column } of await textColumns(db)) {
    const sql = `SELECT 1 FROM ${quote(schema)}.${quote(table)} WHERE strpos(${quote(column)}::text, $1) > 0 LIMIT 1`;
    if ((await db.query(sql, [needle])).rowCount) hits.push(`${schema}.${table}.${column}`);
  }
  return hits;
}
