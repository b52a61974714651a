/** The viewer's one stylesheet, served from `/ui/assets/viewer.css` (a module, so it ships with compiled code). */
export const VIEWER_CSS = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6575; --line: #d9dee7; --bg: #f6f7f9; --panel: #fff;
  --benign: #1f7a3d; --suspicious: #9a6700; --malicious: #b42318; --info: #475467; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header.top { display: flex; gap: 1.25rem; align-items: center; padding: .75rem 1.5rem; background: #111827; color: #f9fafb; }
header.top a { color: #e5e7eb; text-decoration: none; }
header.top a:hover { text-decoration: underline; }
header.top .brand { font-weight: 600; margin-right: auto; }
header.top form { margin: 0; }
header.top button { background: transparent; color: #e5e7eb; border: 1px solid #4b5563; border-radius: 4px; padding: .2rem .6rem; cursor: pointer; }
main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .5rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.muted { color: var(--muted); }
table { width: 100%; border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; unicode-bidi: isolate; overflow-wrap: anywhere; }
th { background: #eef1f5; font-weight: 600; font-size: .85rem; }
code { font: .85em ui-monospace, SFMono-Regular, Menlo, monospace; background: #eef1f5; padding: 0 .25rem; border-radius: 3px; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.verdict-benign { color: var(--benign); } .verdict-suspicious { color: var(--suspicious); } .verdict-malicious { color: var(--malicious); }
.severity-informational, .severity-low { color: var(--info); } .severity-medium { color: var(--suspicious); }
.severity-high { color: #c2410c; } .severity-critical { color: var(--malicious); }
.badges { display: flex; gap: .4rem; flex-wrap: wrap; margin: .25rem 0 1rem; }
form.filters { display: flex; gap: .75rem; align-items: end; flex-wrap: wrap; margin-bottom: 1rem; }
label { display: flex; flex-direction: column; gap: .2rem; font-size: .85rem; color: var(--muted); }
select, input, textarea { font: inherit; padding: .35rem .5rem; border: 1px solid #b8c0cc; border-radius: 4px; background: #fff; color: var(--ink); }
textarea { min-height: 5rem; width: 100%; }
button.primary { background: var(--accent); color: #fff; border: 0; border-radius: 4px; padding: .45rem 1rem; font: inherit; cursor: pointer; }
.verdicts { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 1rem; }
.panel h2 { margin-top: 0; }
.panel form { display: grid; gap: .6rem; margin-top: 1rem; }
.notice { padding: .6rem .8rem; border-radius: 4px; background: #ecfdf3; border: 1px solid #abefc6; margin-bottom: 1rem; }
.error { padding: .6rem .8rem; border-radius: 4px; background: #fef3f2; border: 1px solid #fecdca; margin-bottom: 1rem; }
.login { max-width: 26rem; margin: 4rem auto; }
.login form { display: grid; gap: .8rem; }
.pager { margin-top: 1rem; }
pre.text { white-space: pre-wrap; margin: 0; font: inherit; unicode-bidi: isolate; }
@media (max-width: 800px) { .verdicts { grid-template-columns: 1fr; } }
`;
