// The report's stylesheet: light and dark themes, model colours (Okabe–Ito, readable by colour-blind people), print.

export const CSS = `
:root{color-scheme:light dark;--bg:#f7f7f5;--panel:#fff;--fg:#1d1f23;--muted:#5f6670;--line:#dfe1e5;--grid:#e9eaed;--band:#f4f5f7;
--accent:#0b63c5;--pass:#16794a;--pass-bg:#e6f4ec;--fail:#b3261e;--fail-bg:#fdecea;--inc:#8a5a00;--inc-bg:#fff4db;
--m0:#0072b2;--m1:#d55e00;--m2:#009e73;--m3:#cc79a7;--m4:#b58500;--m5:#56b4e9;--m6:#7f5a3c;--m7:#666;
--s0:#e3effa;--s1:#fbeadf;--s2:#e0f3ec;--s3:#f6e6f0;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP","Hiragino Sans",sans-serif}
@media (prefers-color-scheme:dark){:root{--bg:#15171a;--panel:#1e2125;--fg:#e7e9ec;--muted:#a2a9b3;--line:#353a41;--grid:#2c3036;--band:#23262b;
--accent:#6cb6ff;--pass:#5fd39a;--pass-bg:#16301f;--fail:#ff8a80;--fail-bg:#3a1d1b;--inc:#f5c25b;--inc-bg:#33290f;
--m0:#56b4e9;--m1:#ff8c4a;--m2:#3dd6a3;--m3:#e7a2cb;--m4:#f0c24f;--m5:#9ed8ff;--m6:#c9a27e;--m7:#b0b0b0;
--s0:#1d3047;--s1:#3f2818;--s2:#173a30;--s3:#3b2333}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg)}
header.top,nav,main,footer{max-width:1180px;margin:0 auto;padding:0 24px}
header.top{padding-top:28px}
.kicker{margin:0;color:var(--muted);text-transform:uppercase;letter-spacing:.08em;font-size:12px;font-weight:600}
h1{margin:2px 0 6px;font-size:30px;line-height:1.2;overflow-wrap:anywhere}
h2{margin:0 0 4px;font-size:21px}
h3{margin:0 0 6px;font-size:16px;overflow-wrap:anywhere}
h4{margin:0 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
h4 code{text-transform:none;letter-spacing:0}
.meta{margin:2px 0;color:var(--muted);display:flex;flex-wrap:wrap;gap:4px 18px}
code{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.hash code{background:var(--grid);padding:1px 5px;border-radius:4px}
section[id]{scroll-margin-top:4rem}
nav{position:sticky;top:0;z-index:2;display:flex;flex-wrap:wrap;gap:2px 16px;padding-top:8px;padding-bottom:8px;background:var(--bg);border-bottom:1px solid var(--line)}
nav a{color:var(--accent);text-decoration:none;font-size:14px}nav a:hover{text-decoration:underline}
section{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin:18px 0}
.lead{margin:0 0 12px;color:var(--muted)}
.ok{color:var(--pass)}
.note,.muted{color:var(--muted)}
.small{font-size:13px;margin:2px 0}
figure{margin:8px 0;min-width:0}
figcaption{color:var(--muted);font-size:13px;text-align:center}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;align-items:start}
svg.chart{width:100%;height:auto;display:block;margin:0 auto;font-size:12px;overflow:visible}
svg text{fill:var(--fg)}
svg .tick,svg .note,svg .hint,svg .muted{fill:var(--muted)}
svg .axis-label{fill:var(--muted);font-size:12.5px}
svg .grid{stroke:var(--grid);stroke-width:1}
svg .frame{fill:none;stroke:var(--line)}
svg .band{fill:var(--band)}
svg .field-label,svg .group-label{font-weight:600;font-size:13px}
svg .value{font-variant-numeric:tabular-nums}
svg .value.human{fill:var(--muted);font-size:11px}
svg .human .bar{fill-opacity:.4;stroke:currentColor;stroke-width:1;stroke-dasharray:3 2}
svg .whisker,svg .median{stroke:var(--fg);stroke-width:1.6;fill:none}
svg .range{stroke:currentColor;stroke-width:2.5;fill:none}
svg .point>:not(.range):not(title){stroke:var(--panel);stroke-width:1.5}
svg .point-label{font-weight:600;paint-order:stroke;stroke:var(--panel);stroke-width:3px;stroke-linejoin:round}
svg .dots{fill-opacity:.55}
svg .box{fill:var(--panel);fill-opacity:.55;stroke:var(--fg);stroke-width:1.2}
svg .hit{fill:transparent}
svg .bar.agree{fill:var(--accent)}
svg .col-label{font-size:11.5px}
svg .cell text{font-weight:600;font-variant-numeric:tabular-nums}
svg .cell.ink-light text{fill:#fff}svg .cell.ink-dark text{fill:#111}
svg .cell.self rect,svg .cell.na rect{fill:var(--grid)}
svg .cell.self text,svg .cell.na text{fill:var(--muted)}
.m0{color:var(--m0)}.m1{color:var(--m1)}.m2{color:var(--m2)}.m3{color:var(--m3)}.m4{color:var(--m4)}.m5{color:var(--m5)}.m6{color:var(--m6)}.m7{color:var(--m7)}
.swatch{vertical-align:-2px;margin-right:5px;flex:none}
.legend{list-style:none;padding:0;margin:10px 0;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:14px}
.legend li{display:flex;align-items:center}
.key{display:inline-block;width:22px;height:10px;margin-right:6px}
.whisker-key{border:solid var(--fg);border-width:0 2px;height:10px;background:linear-gradient(var(--fg),var(--fg)) center/100% 2px no-repeat}
.human-key{background:var(--muted);opacity:.45;border:1px dashed var(--fg);height:7px}
.inline{list-style:none;padding:0;margin:8px 0 0;display:flex;flex-wrap:wrap;gap:4px 18px;color:var(--muted);font-size:14px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:14px}
caption{caption-side:top;text-align:left;color:var(--muted);font-size:13px;padding:4px 0}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{font-size:12.5px;color:var(--muted);font-weight:600;white-space:nowrap}
table.num td{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.num td.text{text-align:left;white-space:normal;overflow-wrap:anywhere}
table.num th[scope=row]{max-width:320px;overflow-wrap:anywhere}
.dis-table td.field{max-width:200px;overflow-wrap:break-word}
th small{display:block;color:var(--muted);font-weight:400}
td small{color:var(--muted)}
td.bad{color:var(--fail);font-weight:600}
.star{color:var(--inc)}
details.numbers{margin-top:8px}
summary{cursor:pointer;color:var(--accent);font-size:14px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--panel);padding:6px;z-index:3}
.problems{color:var(--fail)}
.gate{padding:0;overflow:hidden}
.gate .banner{display:flex;gap:18px;align-items:center;padding:20px 24px}
.gate .icon{font-size:46px;line-height:1;font-weight:700;width:64px;height:64px;border-radius:50%;display:grid;place-items:center;color:#fff;flex:none}
.gate h2{font-size:28px}.gate .banner p{margin:2px 0}
.gate.v-pass .banner{background:var(--pass-bg)}.gate.v-pass .icon{background:var(--pass)}.gate.v-pass h2{color:var(--pass)}
.gate.v-fail .banner{background:var(--fail-bg)}.gate.v-fail .icon{background:var(--fail)}.gate.v-fail h2{color:var(--fail)}
.gate.v-inconclusive .banner{background:var(--inc-bg)}.gate.v-inconclusive .icon{background:var(--inc)}.gate.v-inconclusive h2{color:var(--inc)}
@media (prefers-color-scheme:dark){.gate .icon{color:#111}}
.check{margin:0 24px;padding:14px 0 14px 14px;border-top:1px solid var(--line);border-left:4px solid var(--line)}
.check.v-fail{border-left-color:var(--fail)}.check.v-inconclusive{border-left-color:var(--inc)}
.check p{margin:4px 0;overflow-wrap:anywhere}
.check h3 small{color:var(--muted);font-weight:400}
.badge{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;padding:1px 8px;border-radius:10px;color:#fff;vertical-align:1px}
.badge.v-pass{background:var(--pass)}.badge.v-fail{background:var(--fail)}.badge.v-inconclusive{background:var(--inc)}
@media (prefers-color-scheme:dark){.badge{color:#111}}
.stats{display:flex;flex-wrap:wrap;gap:6px 26px;margin:8px 0}
.stats div{min-width:90px}.stats dt{font-size:12px;color:var(--muted)}.stats dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
details.flipped,details.passed{margin:6px 0}
details.passed{margin:0 24px 16px;padding-top:10px;border-top:1px solid var(--line)}
.checks-brief{list-style:none;padding:0;margin:8px 0}.checks-brief li{margin:4px 0;overflow-wrap:anywhere}
table.flips{margin:8px 0;max-width:900px}
table.flips caption{font-weight:600;color:var(--fg)}
table.r2w caption{color:var(--fail)}table.w2r caption{color:var(--pass)}
.controls{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:end;margin:10px 0 14px}
.controls label{display:flex;flex-direction:column;font-size:12.5px;color:var(--muted);gap:3px}
.controls input,.controls select,.controls button{font:inherit;font-size:14px;color:var(--fg);background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:6px 10px}
.controls input{width:min(420px,80vw)}
.controls select{max-width:260px}
.controls button{cursor:pointer}
.controls output{margin-left:auto;color:var(--muted);font-variant-numeric:tabular-nums;align-self:center}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
.js-only{visibility:hidden}.js .js-only{visibility:visible}
.dis-table td.v{max-width:220px;overflow-wrap:break-word;font-size:13.5px}
.dis-table td.case,.dis-table td.case code{white-space:nowrap;overflow-wrap:normal}
.dis-table tbody.dis tr.row{cursor:pointer}
.dis-table tbody.dis tr.row:hover{background:var(--band)}
.dis-table tr.detail>td{background:var(--band);padding:14px 16px}
.toggle{border:0;background:none;color:var(--accent);font-size:14px;cursor:pointer;padding:0 4px}
.reason{display:inline-block;font-size:12px;padding:1px 8px;border-radius:10px;border:1px solid var(--line);white-space:nowrap}
.r-invalid{border-color:var(--fail);color:var(--fail)}.r-wrong-vs-gold{border-color:var(--inc);color:var(--inc)}
.invalid{color:var(--fail);font-weight:600}
.eq{font-size:13px;color:var(--pass);font-weight:600;white-space:nowrap}
td.gold{font-weight:600}
.detail-grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:18px}
.turns{list-style:none;margin:0;padding:0;max-height:360px;overflow:auto}
.turns li{display:grid;grid-template-columns:auto auto 1fr;gap:2px 8px;align-items:baseline;margin:0 0 6px;padding:6px 8px;border-radius:8px;background:var(--panel)}
.turns .speaker{font-weight:700;font-size:12.5px;padding:0 6px;border-radius:6px}
.spk-0 .speaker{background:var(--s0)}.spk-1 .speaker{background:var(--s1)}.spk-2 .speaker{background:var(--s2)}.spk-3 .speaker{background:var(--s3)}
.turns .time{color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
.turns .said{overflow-wrap:anywhere}
.plain{white-space:pre-wrap;margin:0;max-height:360px;overflow:auto;overflow-wrap:anywhere}
dl.values{margin:0}dl.values dt{font-weight:600;display:flex;align-items:center;margin-top:8px;overflow-wrap:anywhere}
dl.values dd{margin:2px 0 0}
pre{margin:0;padding:6px 8px;background:var(--panel);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px}
pre.gold{box-shadow:inset 3px 0 var(--pass)}
#history svg .line{fill:none;stroke:currentColor;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
svg .now line{stroke:var(--fg);stroke-width:1.2;stroke-dasharray:4 3}
svg .now text{fill:var(--muted);font-size:11.5px}
table.history tr.current{background:var(--band)}table.history td.date{white-space:nowrap}
.badge-now{font-size:11.5px;font-weight:600;color:var(--accent);border:1px solid var(--accent);border-radius:9px;padding:0 6px;white-space:nowrap}
footer{color:var(--muted);font-size:13px;padding-bottom:30px}
@media (max-width:700px){.detail-grid{grid-template-columns:1fr}header.top,nav,main,footer{padding:0 12px}section{padding:14px}}
@media print{:root{--bg:#fff;--panel:#fff;--fg:#000;--muted:#444;--line:#ccc;--grid:#e5e5e5;--band:#f5f5f5;color-scheme:light}
body{font-size:12px}nav,.controls,.skip,.toggle,#dx{display:none}
section{border:0;border-top:1px solid #999;border-radius:0;padding:10px 0;break-inside:auto}
figure,tr,.check{break-inside:avoid}h2{break-after:avoid}
.dis-table tr.detail{display:none}.turns,.plain{max-height:none}}
`;
