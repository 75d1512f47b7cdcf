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

/**
 * "schema.table.column" of every column where some row's value contains `needle`. One scan per
 * table (all its text columns at once), not one per column: specs run this beside others, and a
 * scan per column of every table kept the database busy long enough to slow them past their timeouts.
 */
export async function columnsHolding(db: pg.Pool, needle: string): Promise<string[]> {
  const byTable = new Map<string, Column[]>();
  for (const c of await textColumns(db)) byTable.set(`${c.schema}.${c.table}`, [...(byTable.get(`${c.schema}.${c.table}`) ?? []), c]);
  const hits: string[] = [];
  for (const columns of byTable.values()) {
    const { schema, table } = columns[0];
    const checks = columns.map((c, i) => `bool_or(strpos(${quote(c.column)}::text, $1) > 0) AS c${i}`).join(", ");
    const { rows } = await db.query(`SELECT ${checks} FROM ${quote(schema)}.${quote(table)}`, [needle]);
    columns.forEach((c, i) => { if (rows[0]?.[`c${i}`]) hits.push(`${schema}.${table}.${c.column}`); });
  }
  return hits;
}
