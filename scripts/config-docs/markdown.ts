// Renders the option tree as Markdown: one table per section, sections in the order their options appear.
import type { Option, Section, Variant } from "./options.js";
import type { OptionDoc } from "./source.js";

/** GitHub's heading anchor: lower case, punctuation but hyphens dropped, spaces as hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\w\- ]/g, "")
    .replace(/ /g, "-");

const cell = (text: string) => text.replace(/\|/g, "\\|");

function describe(doc: OptionDoc | undefined): string {
  if (!doc) return "";
  const example = doc.example ? ` Example: \`${doc.example}\`` : "";
  return `${doc.description}${example}`;
}

function typeCell(entry: Option): string {
  if (entry.sameAs !== undefined)
    return `as ${entry.sameAs}: see [${entry.sameAs}](#${anchor(entry.sameAs)})`;
  if (!entry.section) return entry.type;
  return `${entry.type}: see [${entry.section.path}](#${anchor(entry.section.path)})`;
}

function row(values: string[]): string {
  return `| ${values.map(cell).join(" | ")} |`;
}

function objectTable(options: Option[]): string[] {
  return [
    row(["option", "type", "default", "description"]),
    row(["---", "---", "---", "---"]),
    ...options.map((entry) => row([`\`${entry.key}\``, typeCell(entry), entry.default, describe(entry.doc)])),
  ];
}

/** One row per key; a key whose type, default or text differs between variants gets a row per difference. */
function variantsTable(discriminator: string, variants: Variant[]): string[] {
  const tags = variants.map((variant) => `\`${JSON.stringify(variant.tag)}\``);
  const lines = [
    row(["option", "applies to", "type", "default", "description"]),
    row(["---", "---", "---", "---", "---"]),
    row([
      `\`${discriminator}\``,
      "all",
      tags.join(", "),
      "required",
      "Which kind of entry this is (the list above).",
    ]),
  ];
  const keys = [...new Set(variants.flatMap((variant) => variant.options.map((entry) => entry.key)))];
  for (const key of keys) {
    const groups = new Map<string, { entry: Option; tags: string[] }>();
    for (const variant of variants) {
      const entry = variant.options.find((candidate) => candidate.key === key);
      if (!entry) continue;
      const signature = JSON.stringify([entry.type, entry.default, entry.doc]);
      const group = groups.get(signature) ?? { entry, tags: [] };
      group.tags.push(variant.tag);
      groups.set(signature, group);
    }
    for (const { entry, tags: applies } of groups.values()) {
      const everywhere = groups.size === 1 && applies.length === variants.length;
      lines.push(
        row([
          `\`${key}\``,
          everywhere ? "all" : applies.join(", "),
          typeCell(entry),
          entry.default,
          describe(entry.doc),
        ]),
      );
    }
  }
  return lines;
}

function nested(section: Section): Section[] {
  const options =
    section.kind === "object" ? section.options : section.variants.flatMap((variant) => variant.options);
  return options.flatMap((entry) => (entry.section ? [entry.section] : []));
}

/** The root section's table and then every nested section's, depth first, each once. */
export function renderSections(root: Section, rootTitle: string): string {
  const done = new Set<string>();
  const parts: string[] = [];
  const visit = (section: Section) => {
    if (done.has(section.path)) return;
    done.add(section.path);
    const title = section.path || rootTitle;
    const table =
      section.kind === "object"
        ? objectTable(section.options)
        : [
            `Each entry is one of ${section.variants.length} kinds, told apart by \`${section.discriminator}\`:`,
            "",
            ...section.variants.map(
              (variant) => `- \`${JSON.stringify(variant.tag)}\`: ${describe(variant.doc)}`,
            ),
            "",
            ...variantsTable(section.discriminator, section.variants),
          ];
    parts.push(`## ${title}`, "", ...table, "");
    for (const child of nested(section)) visit(child);
  };
  visit(root);
  return parts.join("\n");
}
