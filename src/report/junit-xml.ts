// Writing XML 1.0 safely: every string escaped, characters XML cannot carry removed.

// With the u flag a surrogate range matches only unpaired halves; paired ones are one code point and stay.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing what XML 1.0 forbids is the point
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]/gu;

/** Removes characters XML 1.0 cannot carry at all, not even as a character reference. */
export function xmlLegal(text: string): string {
  return text.replace(ILLEGAL, "");
}

/** Text content: `]]>` cannot appear because every `>` is escaped too. */
export function xmlText(text: string): string {
  return xmlLegal(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** An attribute value in double quotes; tab, newline and return as references so parsers keep them. */
export function xmlAttr(text: string): string {
  return xmlText(text)
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

export type Attrs = Record<string, string | number | undefined>;

function attrs(values: Attrs): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join("");
}

/** An element whose children are already XML, one per line; none makes it self-closing. */
export function element(name: string, values: Attrs, children: string[] = []): string {
  if (children.length === 0) return `<${name}${attrs(values)}/>`;
  return `<${name}${attrs(values)}>\n${children.join("\n")}\n</${name}>`;
}

/** An element holding text. */
export function textElement(name: string, values: Attrs, text: string): string {
  return `<${name}${attrs(values)}>${xmlText(text)}</${name}>`;
}
