// Compares what schema.prisma describes (Prisma's DMMF) with what a PostgreSQL database
// actually contains (pg_catalog). Both sides are reduced to the same plain shape, so the
// difference is a readable list of strings. Covers what Prisma generates for PostgreSQL:
// enums, scalar and native types, lists, nullability, database-level defaults, primary
// keys, unique and plain indexes (with DESC), foreign keys and implicit many-to-many tables.
//
// expected.ts reads schema.prisma, actual.ts reads the database, defaults.ts spells
// defaults one way, diff.ts lists the differences; this file is the shape they share.

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

/** A foreign key in the one spelling both sides use. */
export function foreignKey(columns: string[], table: string, refColumns: string[], onDelete: string, onUpdate: string) {
  return `(${columns.join(", ")}) -> ${table}(${refColumns.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
}
