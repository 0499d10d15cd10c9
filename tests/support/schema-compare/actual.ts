import type pg from "pg";
import { canonicalDefault } from "./defaults";
import { foreignKey, type SchemaShape } from "./shape";

// The shape a PostgreSQL database actually has, from pg_catalog.

// pg_constraint.confdeltype / confupdtype, spelled like Prisma's referential actions.
const FK_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

export async function actualSchema(client: pg.ClientBase, schema = "public"): Promise<SchemaShape> {
  const shape: SchemaShape = { tables: {}, enums: {} };
  const q = async <T extends object>(sql: string) => (await client.query<T>(sql, [schema])).rows;
  const ignored = `'_prisma_migrations'`;

  for (const { name, values } of await q<{ name: string; values: string[] }>(`
    SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = $1 GROUP BY t.typname`)) {
    shape.enums[name] = values;
  }

  for (const { name } of await q<{ name: string }>(`
    SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> ${ignored}`)) {
    shape.tables[name] = { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
  }
  const table = (name: string) => shape.tables[name]!;

  for (const c of await q<{
    table: string;
    column: string;
    type: string;
    enum: string | null;
    not_null: boolean;
    default: string | null;
    identity: string;
  }>(`
    SELECT c.relname::text AS table, a.attname::text AS column, format_type(a.atttypid, a.atttypmod) AS type,
           CASE WHEN t.typtype = 'e' THEN t.typname::text WHEN et.typtype = 'e' THEN et.typname::text || '[]' END AS enum,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity::text AS identity
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
      LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
     WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> ${ignored}
     ORDER BY a.attnum`)) {
    table(c.table).columns[c.column] = {
      type: c.enum ? `enum ${c.enum}` : c.type,
      nullable: !c.not_null,
      default: c.identity ? "autoincrement()" : c.default === null ? null : canonicalDefault(c.default),
    };
  }

  for (const i of await q<{
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    plain: boolean;
    columns: string[];
  }>(`
    SELECT t.relname::text AS table, ic.relname::text AS name, i.indisprimary AS primary, i.indisunique AS unique,
           (i.indpred IS NULL AND NOT 0 = ANY (i.indkey::int2[])) AS plain,
           ARRAY(SELECT a.attname::text || CASE WHEN i.indoption[k.ord - 1] & 1 = 1 THEN ' DESC' ELSE '' END
                   FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                  WHERE k.ord <= i.indnkeyatts ORDER BY k.ord) AS columns
      FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = $1 AND t.relname <> ${ignored}`)) {
    const t = table(i.table);
    if (!i.plain) t.indexes.push([`<partial or expression index ${i.name}>`]);
    else if (i.primary) t.primaryKey = i.columns;
    else if (i.unique) t.uniques.push(i.columns);
    else t.indexes.push(i.columns);
  }

  for (const fk of await q<{
    table: string;
    ref: string;
    columns: string[];
    ref_columns: string[];
    del: string;
    upd: string;
  }>(`
    SELECT t.relname::text AS table, r.relname::text AS ref, c.confdeltype::text AS del, c.confupdtype::text AS upd,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.ord) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(num, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.ord) AS ref_columns
      FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'f' AND n.nspname = $1 AND t.relname <> ${ignored}`)) {
    table(fk.table).foreignKeys.push(
      foreignKey(fk.columns, fk.ref, fk.ref_columns, FK_ACTIONS[fk.del] ?? fk.del, FK_ACTIONS[fk.upd] ?? fk.upd),
    );
  }
  return shape;
}
