/**
 * fast-xml-parser's options for reading an SVG as an ordered tree, as both the formatter
 * (format-svg.ts) and the diff's canonical form (svg-diff-format.ts) need it: element and
 * attribute order kept, comments and CDATA kept, values left as text, entities untouched.
 */
export const ORDERED_XML_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
} as const;
