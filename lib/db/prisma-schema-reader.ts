/**
 * Reads the models of prisma/schema.prisma into plain data: enough to check a migrated
 * database against the schema (columns, types, optionality, uniques, indexes, foreign keys)
 * without the Prisma CLI's engine, which this environment cannot run.
 */
export interface SchemaField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: string;
}

export interface SchemaModel {
  name: string;
  scalars: SchemaField[];
  relations: { name: string; fields: string[]; references: string[]; target: string }[];
  uniques: string[][];
  indexes: string[][];
  id: string[];
}

const SCALARS = new Set([
  "String",
  "Int",
  "BigInt",
  "Float",
  "Decimal",
  "Boolean",
  "DateTime",
  "Json",
  "Bytes",
]);

export function readPrismaSchema(text: string): SchemaModel[] {
  const models: SchemaModel[] = [];
  const blocks = text.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm);
  for (const [, name, body] of blocks) {
    const model: SchemaModel = {
      name: name!,
      scalars: [],
      relations: [],
      uniques: [],
      indexes: [],
      id: [],
    };
    for (const raw of body!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      const blockAttr = /^@@(unique|index|id)\(\[([^\]]*)\]/.exec(line);
      if (blockAttr) {
        const fields = blockAttr[2]!.split(",").map((f) => f.trim());
        if (blockAttr[1] === "unique") model.uniques.push(fields);
        else if (blockAttr[1] === "index") model.indexes.push(fields);
        else model.id = fields;
        continue;
      }
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!field) continue;
      const [, fieldName, type, list, optional, attributes] = field;
      if (SCALARS.has(type!)) {
        model.scalars.push({
          name: fieldName!,
          type: type!,
          optional: Boolean(optional),
          list: Boolean(list),
          attributes: attributes ?? "",
        });
        if (/@id\b/.test(attributes ?? "")) model.id = [fieldName!];
        if (/@unique\b/.test(attributes ?? "")) model.uniques.push([fieldName!]);
      } else {
        const relation =
          /@relation\([^)]*fields:\s*\[([^\]]*)\][^)]*references:\s*\[([^\]]*)\]/.exec(
            attributes ?? "",
          );
        if (relation) {
          model.relations.push({
            name: fieldName!,
            target: type!,
            fields: relation[1]!.split(",").map((f) => f.trim()),
            references: relation[2]!.split(",").map((f) => f.trim()),
          });
        }
      }
    }
    models.push(model);
  }
  return models;
}
