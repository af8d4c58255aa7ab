// The HTML report's style and its one small script, inlined into the page: it works offline, from a
// CI artifact, with nothing to fetch.

export const REPORT_CSS = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --skip: #9a6700; --line: #d0d7de; --muted: #59636e; --band: #f6f8fa; }
@media (prefers-color-scheme: dark) { :root { --pass: #3fb950; --fail: #f85149; --skip: #d29922; --line: #3d444d; --muted: #9198a1; --band: #151b23; } }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 0 auto; max-width: 1280px; padding: 16px 24px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--band); padding: 8px 12px; overflow-x: auto; white-space: pre-wrap; }
.verdict { font-size: 16px; font-weight: 600; margin: 4px 0 12px; }
.verdict.failed { color: var(--fail); } .verdict.passed { color: var(--pass); }
.totals { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 8px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; min-width: 96px; }
.totals b { display: block; font-size: 20px; }
.totals .failed b { color: var(--fail); } .totals .passed b { color: var(--pass); } .totals .skipped b { color: var(--skip); }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.case th { background: var(--band); font-weight: 600; }
.status { font-weight: 600; white-space: nowrap; }
.status.passed { color: var(--pass); } .status.failed { color: var(--fail); } .status.skipped { color: var(--skip); }
tr.failed td { background: color-mix(in srgb, var(--fail) 8%, transparent); }
tr:target td, tr:target th { outline: 2px solid var(--fail); outline-offset: -2px; }
details.suite { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
details.suite > summary { cursor: pointer; padding: 6px 10px; font-weight: 600; }
details.suite > table { margin: 0 0 4px; }
ol.failures li { margin: 4px 0; }
.why { white-space: pre-wrap; word-break: break-word; }
.link { text-decoration: underline; } .address { color: var(--muted); word-break: break-all; }
`;

/** Opens the section a link points into, so a link from the top always lands on a visible row. */
export const REPORT_SCRIPT = `
function reveal() {
  var id = decodeURIComponent(location.hash.slice(1));
  var target = id && document.getElementById(id);
  if (!target) return;
  for (var e = target; e; e = e.parentElement) if (e.tagName === 'DETAILS') e.open = true;
  target.scrollIntoView({ block: 'center' });
}
addEventListener('hashchange', reveal);
addEventListener('DOMContentLoaded', reveal);
`;
