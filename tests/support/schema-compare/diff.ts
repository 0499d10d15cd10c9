import { sameDefault } from "./defaults";
import type { SchemaShape } from "./shape";

// The difference between the expected and the actual shape, as readable lines.

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
