// The knowledge-base lines that bear on the selected field, with their line numbers (toggled with b).
import { Box, Text } from "ink";
import { inert } from "../../core/inert.js";
import type { ExcerptLine } from "./kb-excerpt.js";

export function KnowledgeExcerpt({
  lines,
  field,
  hasKnowledgeBase,
}: {
  lines: ExcerptLine[];
  field: string;
  hasKnowledgeBase: boolean;
}) {
  const width = Math.max(2, ...lines.map((l) => String(l.line).length));
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text dimColor wrap="truncate-end">
        knowledge base · lines about {inert(field)} · b hides
      </Text>
      {!hasKnowledgeBase ? (
        <Text dimColor wrap="truncate-end">
          (this run has no knowledge base)
        </Text>
      ) : null}
      {hasKnowledgeBase && lines.length === 0 ? (
        <Text dimColor wrap="truncate-end">
          (no line of the knowledge base mentions this field or its answers)
        </Text>
      ) : null}
      {lines.map((l) => (
        <Text key={l.line} wrap="truncate-end">
          <Text dimColor>{String(l.line).padStart(width)} │ </Text>
          {l.text}
        </Text>
      ))}
    </Box>
  );
}
