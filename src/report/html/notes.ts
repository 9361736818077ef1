// report.html's "Human review": how much of the queue reviewers graded, in review items, and the notes they
// wrote beside their grades. Notes are untrusted text: every one passes through escapeHtml.
import type { RunSummary } from "../../core/summary.js";
import { gradedLine, reviewItems } from "../../summary/review-wording.js";
import { escapeHtml as h } from "./escape.js";
import { count, type View, when } from "./view.js";

export function reviewSection(v: View): string {
  const { review } = v.data.summary;
  if (review.queued === 0 && !review.notes) return "";
  const left = Math.max(review.queued - review.graded, 0);
  const counts = `${reviewItems(review.queued)} queued for human review; ${gradedLine({ graded: review.graded, total: review.queued, left })}${review.contested > 0 ? ` · ${review.contested} contested` : ""}.`;
  return `<section id="review" aria-labelledby="review-h"><h2 id="review-h">Human review</h2>
<p class="lead">${h(counts)}</p>
${notesTable(review.notes)}</section>`;
}

function notesTable(notes: RunSummary["review"]["notes"]): string {
  if (!notes || notes.total === 0) return `<p class="note">No reviewer notes.</p>`;
  const more = notes.total > notes.shown.length ? ` (the first ${notes.shown.length} are shown)` : "";
  const rows = notes.shown.map(
    (note) =>
      `<tr><td class="case"><code>${h(note.caseId)}</code></td><td class="text">${h(note.field)}</td><td class="text">${h(note.reviewer)}</td><td class="text note-text">${h(note.text)}</td><td class="text">${h(when(note.at))}</td></tr>`,
  );
  return `<h3 id="notes">Reviewer notes</h3>
<p class="lead">${count(notes.total, "note")} written beside grades${more}.</p>
<div class="scroll"><table class="num notes"><thead><tr><th scope="col">case</th><th scope="col">field</th><th scope="col">reviewer</th><th scope="col">note</th><th scope="col">written</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}
