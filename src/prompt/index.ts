// Assembles the prompt every model gets: the stable, cacheable prefix first, the transcript last.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { CallgradeError, inputError } from "../core/errors.js";
import { contentHash } from "../core/hash.js";
import { assertRegularFile } from "../core/regular-file.js";
import type { Case, CompletionRequest } from "../core/types.js";
import { fullJsonSchema, modelJsonSchema } from "./schema-json.js";
import { isPerCase, type Part, parseTemplate } from "./template.js";
import { renderTranscript } from "./transcript.js";

export interface PromptHashes {
  prompt: string;
  knowledgeBase: string;
  schema: string;
}

export interface PromptSuite {
  hashes: PromptHashes;
  /** The knowledge base as {{knowledge_base}} renders it. */
  knowledgeBase: string;
  jsonSchema: Record<string, unknown>;
  render(testCase: Case): CompletionRequest;
}

export interface PromptSources {
  templateFile: string;
  knowledgeBaseFiles: string[];
  schema: z.ZodObject;
  schemaName?: string;
}

/** `option` is the config key that names the file, so the message can say what to change. */
async function readText(file: string, what: string, option: string): Promise<string> {
  try {
    await assertRegularFile(file);
    return (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "not found" : `cannot be read (${code ?? String(error)})`;
    throw new CallgradeError(
      "PROMPT_INVALID",
      `${file}: ${what} ${reason}; check \`${option}\` in the config (a relative path starts at the config file's folder)`,
    );
  }
}

export async function loadPrompt(sources: PromptSources): Promise<PromptSuite> {
  const template = await readText(sources.templateFile, "prompt template", "prompt");
  const parts = parseTemplate(template, sources.templateFile);
  const kbTexts = await Promise.all(
    sources.knowledgeBaseFiles.map((file) => readText(file, "knowledge base file", "knowledgeBase")),
  );
  const knowledgeBase = kbTexts.map((text) => text.trim()).join("\n\n");
  const jsonSchema = modelJsonSchema(sources.schema);
  const schemaText = JSON.stringify(jsonSchema, null, 2);
  const hashes: PromptHashes = {
    prompt: contentHash(template),
    knowledgeBase: contentHash(
      sources.knowledgeBaseFiles.map((file, index) => ({
        file: path.basename(file),
        hash: contentHash(kbTexts[index]),
      })),
    ),
    schema: contentHash(fullJsonSchema(sources.schema)),
  };
  const [head, rest] = splitAtFirstPerCaseLine(parts);
  const suiteValues: Record<string, string> = { knowledge_base: knowledgeBase, schema: schemaText };
  // The stable prefix is rendered once: byte-identical for every case and model.
  const stable = renderParts(head, (variable) => suiteValues[variable] ?? "");
  const schemaName = sources.schemaName ?? "extraction";

  return {
    hashes,
    knowledgeBase,
    jsonSchema,
    render(testCase) {
      const variable = renderParts(rest, (name) => {
        if (name === "transcript") return renderTranscript(testCase.transcript);
        if (name in suiteValues) return suiteValues[name] ?? "";
        return metaValue(testCase, name.slice("meta.".length));
      });
      return { caseId: testCase.id, stable, variable, jsonSchema, schemaName };
    },
  };
}

/**
 * Splits the template where the per-case part begins: at the start of the line holding the first
 * per-case variable, so the cacheable prefix never ends mid-sentence ("Call date: ").
 */
function splitAtFirstPerCaseLine(parts: Part[]): [Part[], Part[]] {
  const first = parts.findIndex((part) => "variable" in part && isPerCase(part.variable));
  const before = parts[first - 1];
  if (first <= 0 || !before || !("text" in before)) return [parts.slice(0, first), parts.slice(first)];
  const cut = before.text.lastIndexOf("\n") + 1;
  const head = [...parts.slice(0, first - 1), ...(cut > 0 ? [{ text: before.text.slice(0, cut) }] : [])];
  const lineStart = before.text.slice(cut);
  return [head, [...(lineStart ? [{ text: lineStart }] : []), ...parts.slice(first)]];
}

function renderParts(parts: Part[], lookup: (variable: string) => string): string {
  return parts.map((part) => ("text" in part ? part.text : lookup(part.variable))).join("");
}

function metaValue(testCase: Case, key: string): string {
  const value = testCase.meta[key];
  if (value === undefined || value === null) {
    throw inputError(
      "DATASET_INVALID",
      { ...testCase.source, field: `meta.${key}` },
      `the prompt uses {{meta.${key}}} but case "${testCase.id}" has no such meta value`,
    );
  }
  return typeof value === "string" ? value : JSON.stringify(value);
}
