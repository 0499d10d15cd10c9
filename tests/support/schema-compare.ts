// Default import: @prisma/internals is CommonJS and Node's ESM loader cannot see its named exports.
import internals from "@prisma/internals";
import type pg from "pg";

// Compares what schema.prisma describes (Prisma's DMMF) with what a PostgreSQL database
// actually contains (pg_catalog). Both sides are reduced to the same plain shape, so the
// difference is a readable list of strings. Covers what Prisma generates for PostgreSQL:
// enums, scalar and native types, lists, nullability, database-level defaults, primary
// keys, unique and plain indexes (with DESC), foreign keys and implicit many-to-many tables.

export type Datamodel = Awaited<ReturnType<typeof internals.getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

export interface ColumnShape {
  type: string; // format_type() spelling, enums as `enum <name>`, lists end in []
  nullable: boolean;
  default: string | null; // canonical: now(), autoincrement(), literal text, [a, b], or an expression
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  uniques: string[][]; // index column lists, `col DESC` for descending columns
  indexes: string[][];
  foreignKeys: string[]; // e.g. `(user_id) -> users(id) ON DELETE Cascade ON UPDATE Cascade`
}

export interface SchemaShape {
  tables: Record<string, TableShape>;
  enums: Record<string, string[]>;
}

export async function loadDatamodel(schema: string): Promise<Datamodel> {
  return (await internals.getDMMF({ datamodel: schema })).datamodel;
}

// ---------------------------------------------------------------- expected (schema.prisma)

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Boolean: "boolean",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
};

const withArgs = (base: string, args: readonly string[], suffix = "") =>
  args.length ? `${base}(${args.join(",")})${suffix}` : `${base}${suffix}`;

const NATIVE_TYPES: Record<string, (args: readonly string[]) => string> = {
  Text: () => "text",
  VarChar: (a) => withArgs("character varying", a),
  Char: (a) => withArgs("character", a.length ? a : ["1"]),
  Uuid: () => "uuid",
  Citext: () => "citext",
  Inet: () => "inet",
  Xml: () => "xml",
  Bit: (a) => withArgs("bit", a.length ? a : ["1"]),
  VarBit: (a) => withArgs("bit varying", a),
  SmallInt: () => "smallint",
  Integer: () => "integer",
  BigInt: () => "bigint",
  Oid: () => "oid",
  Real: () => "real",
  DoublePrecision: () => "double precision",
  Decimal: (a) => withArgs("numeric", a),
  Money: () => "money",
  Boolean: () => "boolean",
  Date: () => "date",
  Time: (a) => withArgs("time", a, " without time zone"),
  Timetz: (a) => withArgs("time", a, " with time zone"),
  Timestamp: (a) => withArgs("timestamp", a, " without time zone"),
  Timestamptz: (a) => withArgs("timestamp", a, " with time zone"),
  Json: () => "json",
  JsonB: () => "jsonb",
  ByteA: () => "bytea",
};

// pg_constraint.confdeltype / confupdtype, spelled like Prisma's referential actions.
const FK_ACTIONS: Record<string, string> = {
  a: "NoAction",
  r: "Restrict",
  c: "Cascade",
  n: "SetNull",
  d: "SetDefault",
};

const tableName = (m: Model) => m.dbName ?? m.name;
const columnName = (f: Field) => f.dbName ?? f.name;

function fieldOf(model: Model, name: string): Field {
  const field = model.fields.find((f) => f.name === name);
  if (!field) throw new Error(`schema-compare: model ${model.name} has no field ${name}`);
  return field;
}

export function expectedSchema(dm: Datamodel): SchemaShape {
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const shape: SchemaShape = { tables: {}, enums: {} };

  for (const e of dm.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  const enumValue = (f: Field, value: unknown): string => {
    const e = enums.get(f.type);
    return e?.values.find((v) => v.name === value)?.dbName ?? String(value);
  };

  const columnType = (f: Field): string => {
    let base: string;
    if (f.kind === "enum") {
      const e = enums.get(f.type);
      base = `enum ${e?.dbName ?? f.type}`;
    } else if (f.nativeType) {
      const [name, args] = f.nativeType;
      const native = NATIVE_TYPES[name];
      if (!native) throw new Error(`schema-compare: add native type @db.${name} to NATIVE_TYPES`);
      base = native(args);
    } else {
      const scalar = SCALAR_TYPES[f.type];
      if (!scalar) throw new Error(`schema-compare: add scalar type ${f.type} to SCALAR_TYPES`);
      base = scalar;
    }
    return f.isList ? `${base}[]` : base;
  };

  const columnDefault = (f: Field): string | null => {
    const d: unknown = f.default;
    if (d === undefined || d === null) return null;
    if (Array.isArray(d)) return `[${d.map((v) => (f.kind === "enum" ? enumValue(f, v) : String(v))).join(", ")}]`;
    if (typeof d === "object") {
      const fn = d as { name: string; args: readonly unknown[] };
      if (fn.name === "now") return "now()";
      if (fn.name === "autoincrement") return "autoincrement()";
      if (fn.name === "dbgenerated") return fn.args.length ? canonicalDefault(String(fn.args[0])) : ANY_DEFAULT;
      return null; // cuid(), uuid(), nanoid(), ulid(): generated by Prisma Client, not the database
    }
    return f.kind === "enum" ? enumValue(f, d) : String(d);
  };

  for (const m of dm.models) {
    const table: TableShape = { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] };
    shape.tables[tableName(m)] = table;

    for (const f of m.fields) {
      if (f.kind === "object") {
        if (!f.relationFromFields?.length) continue; // the other side holds the foreign key
        const target = models.get(f.type)!;
        // Prisma's defaults: Restrict for required relations, SetNull for optional ones; Cascade on update.
        const onDelete = f.relationOnDelete ?? (f.isRequired ? "Restrict" : "SetNull");
        const onUpdate = f.relationOnUpdate ?? "Cascade";
        table.foreignKeys.push(
          foreignKey(
            f.relationFromFields.map((n) => columnName(fieldOf(m, n))),
            tableName(target),
            (f.relationToFields ?? []).map((n) => columnName(fieldOf(target, n))),
            onDelete,
            onUpdate,
          ),
        );
        continue;
      }
      // Scalar lists are nullable columns in PostgreSQL even though Prisma marks them required.
      table.columns[columnName(f)] = {
        type: columnType(f),
        nullable: !f.isRequired || f.isList,
        default: columnDefault(f),
      };
    }

    for (const index of dm.indexes.filter((i) => i.model === m.name)) {
      const columns = index.fields.map((c) => columnName(fieldOf(m, c.name)) + (c.sortOrder === "desc" ? " DESC" : ""));
      if (index.type === "id") table.primaryKey = columns;
      else if (index.type === "unique") table.uniques.push(columns);
      else if (index.type === "normal") table.indexes.push(columns);
      else throw new Error(`schema-compare: unsupported index type ${index.type} on ${m.name}`);
    }
  }

  // Implicit many-to-many relations get a join table `_<RelationName>` with columns A and B
  // (A points at the model whose name sorts first), a primary key (A, B) and an index on B.
  const joinTables = new Map<string, [Model, Model]>();
  for (const m of dm.models) {
    for (const f of m.fields) {
      if (f.kind !== "object" || !f.isList || !f.relationName) continue;
      const target = models.get(f.type)!;
      const back = target.fields.find((o) => o.relationName === f.relationName && o !== f);
      if (back && !back.isList) continue; // one-to-many
      joinTables.set(f.relationName, [m, target].sort((a, b) => (a.name < b.name ? -1 : 1)) as [Model, Model]);
    }
  }
  for (const [relation, [a, b]] of joinTables) {
    const idOf = (model: Model) => {
      const id = model.fields.find((f) => f.isId);
      if (!id) throw new Error(`schema-compare: implicit m2m needs a single @id on ${model.name}`);
      return id;
    };
    const name = `_${relation}`;
    const column = (model: Model): ColumnShape => ({
      type: columnType({ ...idOf(model), isList: false }),
      nullable: false,
      default: null,
    });
    shape.tables[name] = {
      columns: { A: column(a), B: column(b) },
      primaryKey: ["A", "B"],
      uniques: [],
      indexes: [["B"]],
      foreignKeys: [
        foreignKey(["A"], tableName(a), [columnName(idOf(a))], "Cascade", "Cascade"),
        foreignKey(["B"], tableName(b), [columnName(idOf(b))], "Cascade", "Cascade"),
      ],
    };
  }
  return shape;
}

function foreignKey(columns: string[], table: string, refColumns: string[], onDelete: string, onUpdate: string) {
  return `(${columns.join(", ")}) -> ${table}(${refColumns.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}

// ---------------------------------------------------------------- actual (the database)

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

// ---------------------------------------------------------------- defaults

const ANY_DEFAULT = "<dbgenerated(): any database default>";

// Strips a trailing `::type` cast such as ::text, ::"Role", ::timestamp(3) without time zone, ::text[].
const CAST = /::(?:"[^"]+"|[a-z_][a-z0-9_ ]*?(?:\(\d+(?:,\s*\d+)?\))?(?: with(?:out)? time zone)?)(?:\[\])*$/i;

function stripCasts(expr: string): string {
  let e = expr.trim();
  for (;;) {
    const next = e.replace(CAST, "").trim();
    const unwrapped = /^\((.*)\)$/s.exec(next);
    const result = unwrapped && balanced(unwrapped[1]!) ? unwrapped[1]!.trim() : next;
    if (result === e) return e;
    e = result;
  }
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    depth += ch === "(" ? 1 : ch === ")" ? -1 : 0;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function splitTopLevel(list: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of list) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && (ch === "(" || ch === "[")) depth++;
    if (!quoted && (ch === ")" || ch === "]")) depth--;
    if (!quoted && depth === 0 && ch === ",") {
      items.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

/** A default expression as PostgreSQL prints it (pg_get_expr), reduced to the canonical form used above. */
export function canonicalDefault(expr: string): string {
  if (/^nextval\(/i.test(expr.trim())) return "autoincrement()";
  const e = stripCasts(expr);
  if (/^(now\(\)|current_timestamp(\(\d+\))?)$/i.test(e)) return "now()";
  const array = /^ARRAY\[(.*)\]$/is.exec(e);
  if (array) return `[${splitTopLevel(array[1]!).map(canonicalDefault).join(", ")}]`;
  const literal = /^E?'((?:[^']|'')*)'$/s.exec(e);
  if (literal) return literal[1]!.replaceAll("''", "'");
  return e.replace(/\s+/g, " ");
}

function timestamp(value: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i.exec(
    value,
  );
  if (!m) return NaN;
  let zone = m[3] ?? "Z";
  if (/^[+-]\d{2}$/.test(zone)) zone += ":00";
  return Date.parse(`${m[1]}T${m[2] ?? "00:00:00"}${zone}`);
}

function sameDefault(type: string, expected: string | null, actual: string | null): boolean {
  if (expected === actual || (expected === ANY_DEFAULT && actual !== null)) return true;
  if (expected === null || actual === null || type.endsWith("[]")) return false;
  if (/^(smallint|integer|bigint|real|double precision|numeric|money)/.test(type)) {
    return Number(expected) === Number(actual) && expected.trim() !== "";
  }
  if (/^(timestamp|date)/.test(type)) {
    const [a, b] = [timestamp(expected), timestamp(actual)];
    return !Number.isNaN(a) && a === b;
  }
  if (/^jsonb?$/.test(type)) {
    try {
      return JSON.stringify(JSON.parse(expected)) === JSON.stringify(JSON.parse(actual));
    } catch {
      return false;
    }
  }
  return false;
}

// ---------------------------------------------------------------- diff

export function diffSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  const show = (v: unknown) => JSON.stringify(v);

  for (const name of union(expected.enums, actual.enums)) {
    const [e, a] = [expected.enums[name], actual.enums[name]];
    if (!a) out.push(`enum ${name}: missing in database`);
    else if (!e) out.push(`enum ${name}: in database but not in schema.prisma`);
    else if (show(e) !== show(a)) out.push(`enum ${name}: values ${show(a)}, expected ${show(e)}`);
  }

  for (const name of union(expected.tables, actual.tables)) {
    const [e, a] = [expected.tables[name], actual.tables[name]];
    if (!a) {
      out.push(`table ${name}: missing in database`);
      continue;
    }
    if (!e) {
      out.push(`table ${name}: in database but not in schema.prisma`);
      continue;
    }
    for (const col of union(e.columns, a.columns)) {
      const [ec, ac] = [e.columns[col], a.columns[col]];
      const at = `table ${name}, column ${col}`;
      if (!ac) out.push(`${at}: missing in database`);
      else if (!ec) out.push(`${at}: in database but not in schema.prisma`);
      else {
        if (ec.type !== ac.type) out.push(`${at}: type ${show(ac.type)}, expected ${show(ec.type)}`);
        if (ec.nullable !== ac.nullable) {
          out.push(
            `${at}: ${ac.nullable ? "nullable" : "NOT NULL"}, expected ${ec.nullable ? "nullable" : "NOT NULL"}`,
          );
        }
        if (!sameDefault(ec.type, ec.default, ac.default)) {
          out.push(`${at}: default ${show(ac.default)}, expected ${show(ec.default)}`);
        }
      }
    }
    if (show(e.primaryKey) !== show(a.primaryKey)) {
      out.push(`table ${name}: primary key (${a.primaryKey.join(", ")}), expected (${e.primaryKey.join(", ")})`);
    }
    const lists = (xs: string[][]) => xs.map((cols) => `(${cols.join(", ")})`);
    compareSets(out, `table ${name}: unique index`, lists(e.uniques), lists(a.uniques));
    compareSets(out, `table ${name}: index`, lists(e.indexes), lists(a.indexes));
    compareSets(out, `table ${name}: foreign key`, e.foreignKeys, a.foreignKeys);
  }
  return out;
}

function union(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function compareSets(out: string[], what: string, expected: string[], actual: string[]) {
  const remaining = [...actual];
  for (const item of expected) {
    const i = remaining.indexOf(item);
    if (i === -1) out.push(`${what} ${item}: missing in database`);
    else remaining.splice(i, 1);
  }
  for (const item of remaining) out.push(`${what} ${item}: in database but not in schema.prisma`);
}
