// The only script in report.html: search, filters and expandable rows of the disagreement table, and
// opening the number tables for print. It reads the page, never data spliced into code; its hash goes in the CSP.

export const SCRIPT = `(() => {
  "use strict";
  const doc = document;
  doc.documentElement.classList.add("js");
  const $ = (id) => doc.getElementById(id);
  const q = $("dq");
  const field = $("df");
  const reason = $("dr");
  const shown = $("dc");
  const none = $("dn");
  const all = $("dx");
  const bodies = Array.from(doc.querySelectorAll("tbody.dis"));
  const norm = (s) => s.normalize("NFKC").toLowerCase();
  const hay = bodies.map((b) => norm(b.textContent || ""));
  const toggle = (b, open) => {
    const button = b.querySelector("button.toggle");
    const detail = b.querySelector("tr.detail");
    if (!button || !detail) return;
    detail.hidden = !open;
    button.setAttribute("aria-expanded", String(open));
    button.textContent = open ? "\\u25BE" : "\\u25B8";
  };
  for (const b of bodies) {
    toggle(b, false);
    const row = b.querySelector("tr.row");
    const detail = b.querySelector("tr.detail");
    if (!row || !detail) continue;
    row.addEventListener("click", () => {
      // Selecting a value to copy it is not a request to open the row.
      if (String(getSelection() || "") !== "") return;
      toggle(b, detail.hidden);
    });
  }
  const pick = (select, value) => {
    if (select && value && Array.from(select.options).some((o) => o.value === value)) select.value = value;
  };
  const apply = (write) => {
    const terms = norm(q.value).split(/\\s+/).filter(Boolean);
    let n = 0;
    bodies.forEach((b, i) => {
      const ok =
        terms.every((t) => hay[i].includes(t)) &&
        (!field.value || b.dataset.field === field.value) &&
        (!reason.value || b.dataset.reason === reason.value);
      b.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + " of " + bodies.length;
    none.hidden = n > 0;
    if (!write) return;
    // The filter lives in the address, so a link to the report can point at exactly these rows.
    const p = new URLSearchParams();
    if (q.value) p.set("q", q.value);
    if (field.value) p.set("field", field.value);
    if (reason.value) p.set("reason", reason.value);
    const hash = p.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch {}
  };
  if (q && field && reason && shown && none) {
    const params = new URLSearchParams(location.hash.slice(1));
    q.value = params.get("q") || "";
    pick(field, params.get("field"));
    pick(reason, params.get("reason"));
    for (const el of [q, field, reason]) el.addEventListener("input", () => apply(true));
    apply(false);
    doc.addEventListener("keydown", (e) => {
      const t = e.target;
      const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement;
      if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        q.focus();
      }
    });
  }
  if (all) {
    all.addEventListener("click", () => {
      const open = all.getAttribute("aria-pressed") !== "true";
      for (const b of bodies) if (!b.hidden) toggle(b, open);
      all.setAttribute("aria-pressed", String(open));
      all.textContent = open ? "Collapse all" : "Expand all";
    });
  }
  const opened = [];
  addEventListener("beforeprint", () => {
    for (const d of doc.querySelectorAll("details.numbers:not([open]), details.flipped:not([open])")) {
      d.open = true;
      opened.push(d);
    }
  });
  addEventListener("afterprint", () => {
    for (const d of opened.splice(0)) d.open = false;
  });
})();
`;
