/** Small readers over the objects fast-xml-parser returns (attributes under "@", text under "#text"). */
export type XmlNode = Record<string, unknown>;

/** The text of an element, whether it carries attributes (currencyID, schemeID) or not; undefined when empty. */
export function text(node: unknown): string | undefined {
  const value =
    typeof node === 'string' || typeof node === 'number'
      ? String(node)
      : node && typeof node === 'object' && '#text' in node
        ? String((node as XmlNode)['#text'])
        : undefined;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  return node && typeof node === 'object' ? text((node as XmlNode)[`@${name}`]) : undefined;
}

/** Follows child names, taking the first of repeated elements. */
export function child(node: unknown, ...path: string[]): unknown {
  let current: unknown = node;
  for (const key of path) {
    if (Array.isArray(current)) current = current[0];
    if (!current || typeof current !== 'object') return undefined;
    current = (current as XmlNode)[key];
  }
  return Array.isArray(current) ? current[0] : current;
}

/** All elements of a name under a node, as a list whatever the parser made of them. */
export function children(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Drops keys whose value is undefined, so optional model fields stay absent rather than present-and-empty. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
