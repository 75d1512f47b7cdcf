// Field errors of a list ("sections.2.key") belong to a row, not to a position: the admin may
// reorder rows after a failed save. The ids are those of the rows as they were sent.
export type RowErrors = Record<string, Record<string, string[]>>;

export function errorsByRow(fieldErrors: Record<string, string[]>, list: string, sentIds: readonly string[]) {
  const rows: RowErrors = {};
  const other: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const m = new RegExp(`^${list}\\.(\\d+)\\.(\\w+)$`).exec(path);
    const id = m ? sentIds[Number(m[1])] : undefined;
    if (m && id) (rows[id] ??= {})[m[2]] = messages;
    else other[path] = messages;
  }
  return { rows, other };
}

let counter = 0;
/**
 * A key for a row the admin adds (React needs one that survives reordering). Rows the page
 * rendered use their index ("s0", "s1"…), the same on the server and in the browser.
 */
export const newRowId = () => `n${++counter}`;
