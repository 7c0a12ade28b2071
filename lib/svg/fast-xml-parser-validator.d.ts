/** Types for fast-xml-parser's validator module, reached by path (see tsconfig.json). */
declare module "fast-xml-parser/validator" {
  import type { ValidationError, validationOptions } from "fast-xml-parser";
  export function validate(xmlData: string, options?: validationOptions): true | ValidationError;
}
