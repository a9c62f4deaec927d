// The matrix as people read it: Markdown (CI summaries, docs), a self-contained HTML page (the Allure
// report's attachment), and JSON for dashboards.
import type { Matrix, MatrixRow, Verdict } from './matrix';

const MARK: Record<Verdict, string> = { holds: 'holds', fails: 'FAILS', skipped: 'skipped', 'not run': 'not run' };

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Text as one Markdown table cell: pipes escaped, line breaks folded. */
export const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function summary(matrix: Matrix): string {
  const { holds, fails, skipped } = matrix.totals;
  return `${holds} behaviours hold, ${fails} fail, ${skipped} skipped, ${matrix.totals['not run']} not run`;
}

function faultText(row: MatrixRow): string[] {
  return row.faults.map((f) => `${f.fault}${f.caught === undefined ? '' : f.caught ? ' (caught)' : ' (NOT caught)'}`);
}

export function matrixMarkdown(matrix: Matrix): string {
  const lines = [`# Traceability: which vendor behaviours hold`, '', `${matrix.run} run of ${matrix.generatedAt}: ${summary(matrix)}.`, ''];
  if (matrix.problems.length) lines.push('## Catalogue problems', '', ...matrix.problems.map((p) => `- ${p}`), '');
  for (const api of matrix.apis) {
    lines.push(`## ${api.product} (${api.api})${api.target ? `: ${api.target}` : ''}`, '', '| ID | behaviour | documented | result | scenarios | faults that prove they can fail |', '| --- | --- | --- | --- | --- | --- |');
    for (const row of api.rows) {
      const scenarios = row.scenarios.map((s) => `${s.where} (${s.status})`).join('<br>') || '—';
      lines.push(`| ${row.id} | ${cell(row.statement)} | ${row.documented ? 'yes' : 'inferred'} | ${MARK[row.verdict]} | ${cell(scenarios)} | ${cell(faultText(row).join('<br>') || '—')} |`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

export function matrixHtml(matrix: Matrix): string {
  const sections = matrix.apis.map((api) => {
    const rows = api.rows
      .map((row) => {
        const scenarios = row.scenarios.map((s) => `<li class="${s.status.replace(' ', '-')}">${escapeHtml(s.where)} — ${escapeHtml(s.name)} <b>${s.status}</b></li>`).join('') || '<li>—</li>';
        const faults = faultText(row).map((f) => `<li>${escapeHtml(f)}</li>`).join('') || '<li>—</li>';
        const source = `${escapeHtml(row.source.document)}, ${escapeHtml(row.source.section)}: “${escapeHtml(row.source.quote)}”`;
        return `<tr class="${row.verdict.replace(' ', '-')}"><th>${row.id}</th><td>${escapeHtml(row.statement)}<div class="source">${source}</div></td><td>${row.documented ? 'documented' : 'inferred'}</td><td class="verdict">${MARK[row.verdict]}</td><td><ul>${scenarios}</ul></td><td><ul>${faults}</ul></td></tr>`;
      })
      .join('\n');
    return `<section id="${api.api}"><h2>${escapeHtml(api.product)} <small>(${api.api}${api.target ? `: ${escapeHtml(api.target)}` : ''})</small></h2>
<table><thead><tr><th>ID</th><th>behaviour and source</th><th>vendor</th><th>result</th><th>scenarios</th><th>faults that prove they can fail</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
  });
  const problems = matrix.problems.length ? `<section id="problems"><h2>Catalogue problems</h2><ul>${matrix.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></section>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Traceability: which vendor behaviours hold</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}thead th{background:#f3f3f3}
ul{margin:0;padding-left:1.1em}.source{color:#666;font-size:12px;margin-top:3px}
tr.holds .verdict{background:#d9f2d9}tr.fails .verdict{background:#f8d0d0;font-weight:bold}tr.skipped .verdict,tr.not-run .verdict{background:#eee}
li.failed b{color:#b00}li.passed b{color:#070}
</style></head><body>
<h1>Traceability: which vendor behaviours hold</h1>
<p>${escapeHtml(matrix.run)} run of ${escapeHtml(matrix.generatedAt)}: ${escapeHtml(summary(matrix))}. Per API, the documented behaviours first.</p>
<nav>${matrix.apis.map((api) => `<a href="#${api.api}">${escapeHtml(api.product)}</a>`).join(' · ')}</nav>
${problems}
${sections.join('\n')}
</body></html>
`;
}
