// Styles only the voice and robustness sections use; added to the page only when they are drawn, so a report
// without them stays byte for byte what it was.

export const VOICE_CSS = `
svg .sdi-sub,.sdi-sub-key{fill:var(--accent);background:var(--accent)}
svg .sdi-del,.sdi-del-key{fill:var(--inc);background:var(--inc)}
svg .sdi-ins,.sdi-ins-key{fill:var(--muted);background:var(--muted)}
svg .sdi rect{stroke:var(--panel);stroke-width:1}
svg .gap rect{fill:var(--fail);fill-opacity:.16;stroke:var(--fail);stroke-width:1.2;stroke-dasharray:3 2}
svg .gap.gain rect{fill:var(--pass);stroke:var(--pass)}
svg .gap-label{fill:var(--fail);font-weight:700;font-size:11.5px;paint-order:stroke;stroke:var(--panel);stroke-width:3px;stroke-linejoin:round}
svg .gap-label.gain{fill:var(--pass)}
.gap-key{height:10px;background:var(--fail-bg);border:1.5px dashed var(--fail)}
svg .line{fill:none;stroke:currentColor;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
article.penalty{margin:14px 0 0;padding-top:12px;border-top:1px solid var(--line)}
article.penalty h4{text-transform:none;letter-spacing:0;color:var(--fg);font-size:15px}
#voice table.num th[scope=row]{white-space:nowrap}
#voice td small{display:block}
#voice h3{margin-top:18px}
.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:8px 16px}
.multiples figure{margin:0}
.multiples figcaption{color:var(--fg);font-weight:600;overflow-wrap:anywhere}
.aligned{line-height:2;overflow-wrap:anywhere;margin:6px 0 10px}
.aligned del,.aligned ins{text-decoration-thickness:2px;padding:1px 3px;border-radius:3px}
.aligned del{color:var(--fail);background:var(--fail-bg);text-decoration-line:line-through}
.aligned ins{color:var(--pass);background:var(--pass-bg);text-decoration-line:underline}
.aligned .a-sub{white-space:nowrap;border:1px solid var(--inc);border-radius:4px;padding:1px 2px}
.aligned .a-sub del{background:none}.aligned .a-sub ins{background:var(--inc-bg);color:var(--inc)}
.aligned .a-ins{font-style:italic}
.aligned .arrow{color:var(--muted);padding:0 2px}
.aligned .a-ok{color:var(--fg)}
.aligned[lang=ja]{letter-spacing:.05em}
ol.aligned-calls{padding-left:0;list-style:none;margin:6px 0}
ol.aligned-calls li{border-top:1px solid var(--line);padding:4px 0}
ol.aligned-calls summary{color:var(--fg)}
ol.aligned-calls .rate{font-weight:600;font-variant-numeric:tabular-nums}
article.aligned-list{margin-top:14px}
.align-legend .aligned{margin:0 6px 0 0}
`;
