// The JSON Schema of scenario files, shipped in the package (schema/scenario.schema.json) for editors and `run --print-schema`.
import { readFile } from "node:fs/promises";

export const SCHEMA_URL = new URL("../../../schema/scenario.schema.json", import.meta.url);

export function readSchemaText(): Promise<string> {
  return readFile(SCHEMA_URL, "utf8");
}
