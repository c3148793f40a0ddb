/**
 * Turning run records into console summaries, JSON, percentile files, charts and HTML.
 *
 * <p>The input is a {@link dev.tradeoff.reports.RunReport}, gathered after a run. Each output has
 * one class: {@link dev.tradeoff.reports.SummaryText} ({@code summary.txt}, also the console text),
 * {@link dev.tradeoff.reports.ReportJson} ({@code report.json}, schema {@code tradeoff.report/1},
 * described in {@code docs/report-format.md}), {@link dev.tradeoff.reports.Hgrm} ({@code .hgrm}),
 * {@link dev.tradeoff.reports.Charts} (SVG and PNG) and {@link dev.tradeoff.reports.HtmlPage}
 * ({@code index.html}); {@link dev.tradeoff.reports.ReportFolder} writes them all, replacing a
 * folder whole or not at all. Every output is a function of the report alone, so a run and its
 * replay give identical files; and every file but {@code report.json} is drawn from the record
 * {@code report.json} holds ({@link dev.tradeoff.reports.ReportJson#parse}), so that file alone
 * renders the folder again. Charts use AWT: run with {@code java.awt.headless=true}.
 *
 * <p>Comparisons and sweeps end with a {@link dev.tradeoff.reports.DecisionTable} (availability,
 * latency of all and of OK operations, stale reads, read-your-writes violations, lost writes, RTO,
 * RPO and cost, the best of each row marked), built per variant by {@link
 * dev.tradeoff.reports.Comparison#decision} and per point by {@link
 * dev.tradeoff.reports.SweepDecision}, and written as text, HTML, CSV and JSON.
 */
package dev.tradeoff.reports;
