//! `report.html`: the reviewer's page, one self-contained file (no network). A summary
//! first — findings by kind × severity and by report, as tables and a bar chart whose every
//! count is a filter — then the findings, filtered (kind, severity, report, text), sorted
//! (severity, |delta|, report, kind) and paged; the view is kept in the address
//! (`#severity=error&kind=sum_mismatch&sort=delta`), both ways, and an address the page
//! cannot follow says so instead of showing everything.
//!
//! Each finding is written once, as a line of JSON carrying its article, escaped here:
//! report text is untrusted and never reaches the page as markup. The script only files
//! those articles; the page stays quick at 10,000 findings (50 to a page).

mod excerpt;
mod finding;
mod notation;

use finding::record;
pub use notation::indonesian;

use super::output::Summary;
use crate::dataset::ReportKeys;
use finding::script_safe;
use std::fmt::Write;

const STYLE: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Counts script errors from the start: a failure shows on the page's root element.
const GUARD: &str = "window.addEventListener('error',function(){var d=document.documentElement;\
d.setAttribute('data-script-errors',String(Number(d.getAttribute('data-script-errors')||0)+1));});";

/// A report as the page names it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ReportEntry {
    /// Its id (the `report` filter).
    pub id: String,
    /// Regency · kind and year · agency (what tells reports apart first).
    pub title: String,
    /// The file it was read from.
    pub file: String,
}

impl ReportEntry {
    /// The entry of the report with these keys.
    pub fn of(keys: &ReportKeys) -> ReportEntry {
        let kind = match keys.report_year {
            Some(year) => format!("{} {year}", keys.report_kind),
            None => keys.report_kind.clone(),
        };
        let parts = [keys.regency.clone(), Some(kind), keys.agency.clone()];
        ReportEntry {
            id: keys.report_id.clone(),
            title: parts.into_iter().flatten().collect::<Vec<_>>().join(" · "),
            file: keys.source_file.clone(),
        }
    }
}

/// A finding as a line of the page's data (a [`record`]).
pub fn record_line(found: &crate::dataset::DiscrepancyRow) -> String {
    record(found) + "\n"
}

/// The top of the page, up to the opening of the findings' data (one [`record`] a line).
pub fn head(summary: &Summary) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    let _ = writeln!(
        html,
        "<title>lkjip findings</title><style>{STYLE}</style><script>{GUARD}</script></head>\n<body>"
    );
    let c = &summary.counts;
    let _ = writeln!(
        html,
        "<header><h1>lkjip findings</h1><p class=\"counts\">{} files: {} reports, {} duplicates, {} failed · {} indicators, {} budget lines · <b>{} findings</b> ({} error)</p></header>",
        c.files, c.reports, c.duplicates, c.failed, c.indicators, c.budget_lines, c.findings, summary.errors()
    );
    html.push_str(concat!(
        "<noscript><p class=\"problem\">This page files its findings with a script: allow it, or read discrepancies.csv beside it.</p></noscript>\n",
        "<p id=\"problem\" class=\"problem\" hidden></p>\n",
        "<section id=\"summary\"><h2>Summary</h2><div class=\"tables\"><div><h3>By kind</h3><table id=\"by-kind\"></table></div>",
        "<div><h3>By report</h3><table id=\"by-report\"></table><p id=\"more-reports\"></p></div></div></section>\n",
        "<section id=\"list\"><h2>Findings</h2><form id=\"controls\" class=\"controls\" onsubmit=\"return false\">",
        "<label>kind <select id=\"kind\"><option value=\"\">all</option></select></label>",
        "<label>severity <select id=\"severity\"><option value=\"\">all</option><option>error</option><option>warning</option></select></label>",
        "<label>report <input id=\"report\" list=\"reports\" placeholder=\"all\" size=\"28\"></label><datalist id=\"reports\"></datalist>",
        "<label>search <input id=\"q\" type=\"search\" placeholder=\"text, figure, file\" size=\"22\"></label>",
        "<label>sort <select id=\"sort\"><option value=\"severity\">errors first</option><option value=\"delta\">largest |delta|</option><option value=\"report\">report and line</option><option value=\"kind\">kind</option></select></label>",
        "<a href=\"#\" id=\"reset\">clear</a></form>\n",
        "<p id=\"shown\"></p><nav class=\"pager\"></nav><div id=\"findings\"></div><nav class=\"pager\"></nav></section>\n",
        "<script type=\"application/json\" id=\"lkjip-findings\">\n",
    ));
    html
}

/// The bottom of the page: the end of the findings' data, the reports, the files not
/// imported, and the script.
pub fn foot(summary: &Summary, reports: &[ReportEntry]) -> String {
    let reports = serde_json::to_string(reports).unwrap_or_else(|_| "[]".into());
    format!(
        "</script>\n<script type=\"application/json\" id=\"lkjip-reports\">{}</script>\n{}<script>{SCRIPT}</script>\n</body></html>\n",
        script_safe(&reports),
        failures(summary)
    )
}

fn failures(summary: &Summary) -> String {
    let failed = summary.failures.iter().map(|f| (&f.source_file, &f.reason));
    let skipped = summary.skipped.iter().map(|s| (&s.path, &s.reason));
    let items: String = failed
        .chain(skipped)
        .map(|(file, reason)| format!("<li><code>{}</code>: {}</li>", escape(file), escape(reason)))
        .collect();
    match items.is_empty() {
        true => String::new(),
        false => {
            format!("<section class=\"failures\"><h2>Files not imported</h2><ul>{items}</ul></section>\n")
        }
    }
}

/// Text made safe inside HTML elements and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_from_a_report_is_shown_as_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & <img src=x onerror=\"y\">"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;img src=x onerror=&quot;y&quot;&gt;"
        );
    }
}
