// Reads the steps of docs/github-actions.yml. No YAML parser is installed, so this reads the subset a workflow's
// steps use (maps, `- ` items, plain and quoted scalars, `|` and `>` blocks) and throws on anything else
// rather than guess.

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  "working-directory"?: string;
  env: Record<string, string>;
  with: Record<string, string>;
}

interface Line {
  indent: number;
  text: string;
}

type Node = string | { [key: string]: Node };

export function parseSteps(yaml: string): Step[] {
  const lines: Line[] = yaml.split("\n").map((raw) => {
    const text = raw.replace(/\s+$/, "");
    return { indent: text.length - text.trimStart().length, text: text.trimStart() };
  });
  const starts = lines.flatMap((line, i) => (line.text === "steps:" ? [i] : []));
  if (starts.length !== 1) throw new Error(`expected one job with steps:, found ${starts.length}`);
  const start = starts[0] as number;
  const stepsIndent = (lines[start] as Line).indent;
  const body: Line[] = [];
  for (const line of lines.slice(start + 1)) {
    if (isContent(line) && line.indent <= stepsIndent) break;
    body.push(line);
  }
  const itemIndent = body.find(isContent)?.indent;
  const items: Line[][] = [];
  for (const line of body) {
    if (line.indent === itemIndent && line.text.startsWith("- ")) {
      items.push([{ indent: line.indent + 2, text: line.text.slice(2).trimStart() }]);
    } else if (isContent(line) && line.indent === itemIndent) {
      throw new Error(`unexpected line among the steps: ${line.text}`);
    } else {
      items.at(-1)?.push(line);
    }
  }
  return items.map((item) => toStep(parseMap(item, (item[0] as Line).indent)));
}

function isContent(line: Line): boolean {
  return line.text !== "" && !line.text.startsWith("#");
}

function parseMap(lines: Line[], indent: number): Record<string, Node> {
  const map: Record<string, Node> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    i++;
    if (!isContent(line)) continue;
    const match = /^([\w.-]+):(?:\s+(.*))?$/.exec(line.text);
    if (line.indent !== indent || !match) throw new Error(`cannot read this workflow line: ${line.text}`);
    const key = match[1] as string;
    const rest = match[2] ?? "";
    const nested: Line[] = [];
    while (i < lines.length) {
      const next = lines[i] as Line;
      if (next.text !== "" && next.indent <= indent) break;
      nested.push(next);
      i++;
    }
    if (/^[|>][-+]?$/.test(rest)) map[key] = blockScalar(rest, nested);
    else if (rest === "") map[key] = parseMap(nested, nested.find(isContent)?.indent ?? indent + 2);
    else if (nested.some(isContent))
      throw new Error(`a value continues on the next line after ${key}: ${rest}`);
    else map[key] = plainScalar(rest);
  }
  return map;
}

function blockScalar(indicator: string, lines: Line[]): string {
  const content = [...lines];
  while (content.length > 0 && (content.at(-1) as Line).text === "") content.pop();
  const base = content.find((line) => line.text !== "")?.indent ?? 0;
  const texts = content.map((line) => (line.text === "" ? "" : " ".repeat(line.indent - base) + line.text));
  const body = indicator.startsWith("|")
    ? texts.join("\n")
    : // Folded: a line break between two lines at the block's indent becomes a space.
      texts.reduce((out, text, j) => {
        const previous = texts[j - 1];
        if (j === 0) return text;
        if (text === "" || previous === "" || text.startsWith(" ")) return `${out}\n${text}`;
        return `${out} ${text}`;
      }, "");
  return indicator.endsWith("-") ? body : `${body}\n`;
}

function plainScalar(text: string): string {
  const quoted = /^(["'])(.*)\1(?:\s+#.*)?$/.exec(text);
  if (quoted) return quoted[2] as string;
  return text.replace(/\s+#.*$/, "");
}

const SCALARS = ["name", "uses", "run", "shell", "working-directory"] as const;
const SCALAR_KEYS: ReadonlySet<string> = new Set(SCALARS);

function toStep(node: Record<string, Node>): Step {
  const step: Step = { env: {}, with: {} };
  for (const [key, value] of Object.entries(node)) {
    if (key === "env" || key === "with") {
      if (typeof value === "string") throw new Error(`${key}: should be a map`);
      step[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scalar(v, k)]));
    } else if (SCALAR_KEYS.has(key)) {
      step[key as (typeof SCALARS)[number]] = scalar(value, key);
    }
  }
  return step;
}

function scalar(node: Node, key: string): string {
  if (typeof node !== "string") throw new Error(`${key}: expected a value, found a map`);
  return node;
}
