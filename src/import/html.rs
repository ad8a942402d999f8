//! `report.html`: one self-contained page (no network) with every report's findings, the
//! source lines of each with the cell marked, and filters by kind, severity and report.
//! Everything taken from a report is escaped: report text is untrusted.

use super::output::Summary;
use crate::dataset::{DiscrepancyRow, PlaceRow};
use std::fmt::Write;

const STYLE: &str =
    "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}\
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}\
.filters label{margin-right:1.5em}.finding{border-left:4px solid #c90;padding:.2em .8em;margin:1em 0}\
.finding.error{border-color:#c22}.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}\
.error .sev{color:#c22}.warning .sev{color:#a70}pre{background:#f6f6f6;padding:.5em;overflow-x:auto}\
.ln{color:#888;display:inline-block;min-width:4em}mark{background:#fd6}.help{color:#056}\
.where,.file{color:#555;font-family:monospace}[hidden]{display:none}";

/// Counts errors before the filters run: a script error shows on the page itself.
const GUARD: &str = "window.addEventListener('error',function(){var d=document.documentElement;\
d.setAttribute('data-script-errors',String(Number(d.getAttribute('data-script-errors')||0)+1));});";

/// Shows the findings matching the three filters; the URL's hash may preset them
/// (`#severity=error&kind=sum_mismatch`).
const FILTER: &str = "(function(){var names=['kind','severity','report'];\
var sel={};names.forEach(function(n){sel[n]=document.getElementById('filter-'+n);});\
var items=Array.prototype.slice.call(document.querySelectorAll('.finding'));\
function apply(){var shown=0;items.forEach(function(el){var ok=names.every(function(n){\
return !sel[n].value||el.getAttribute('data-'+n)===sel[n].value;});el.hidden=!ok;if(ok)shown++;});\
document.querySelectorAll('section.report').forEach(function(s){\
s.hidden=!s.querySelector('.finding:not([hidden])');});\
document.getElementById('shown').textContent=shown+' of '+items.length+' findings shown';\
document.body.setAttribute('data-shown',String(shown));}\
location.hash.replace(/^#/,'').split('&').forEach(function(kv){var p=kv.split('=');\
if(sel[p[0]])sel[p[0]].value=decodeURIComponent(p[1]||'');});\
names.forEach(function(n){sel[n].addEventListener('change',apply);});apply();})();";

/// The top of the page: counts and the three filters.
pub fn head(summary: &Summary, kinds: &[&str], reports: &[&str]) -> String {
    let mut html = String::new();
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    html.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    let _ = write!(
        html,
        "<title>lkjip findings</title><style>{STYLE}</style><script>{GUARD}</script></head>\n<body>\n"
    );
    html.push_str("<h1>lkjip findings</h1>\n");
    let c = &summary.counts;
    let _ = writeln!(
        html,
        "<p class=\"counts\">{} files: {} reports, {} duplicates, {} failed; {} indicators, {} budget lines, {} findings ({} error).</p>",
        c.files, c.reports, c.duplicates, c.failed, c.indicators, c.budget_lines, c.findings, summary.errors()
    );
    let select = |name: &str, values: &[&str]| {
        let options: String = values
            .iter()
            .map(|v| format!("<option value=\"{0}\">{0}</option>", escape(v)))
            .collect();
        format!("<label>{name} <select id=\"filter-{name}\"><option value=\"\">all</option>{options}</select></label>")
    };
    let _ = writeln!(
        html,
        "<div class=\"filters\">{}{}{}</div>\n<p id=\"shown\"></p>",
        select("kind", kinds),
        select("severity", &["error", "warning"]),
        select("report", reports)
    );
    html
}

/// The bottom of the page: the files not imported, and the filter script.
pub fn foot(summary: &Summary) -> String {
    format!("{}<script>{FILTER}</script>\n</body></html>\n", failures(summary))
}

/// The head of the section of findings that compare two reports.
pub const ACROSS_HEAD: &str = "<section class=\"report\" data-report=\"\">\n<h2>Across reports</h2>\n";

/// The end of a section.
pub const SECTION_END: &str = "</section>\n";

/// Findings, one article each.
pub fn findings(found: &[DiscrepancyRow]) -> String {
    found.iter().map(finding).collect()
}

/// One report's findings.
pub fn report_section(source_file: &str, id: &str, found: &[&DiscrepancyRow]) -> String {
    let mut s = format!("<section class=\"report\" data-report=\"{}\">\n", escape(id));
    let title = found.first().map(|d| &d.keys).map_or(String::new(), |k| {
        let parts = [
            k.regency.clone(),
            k.agency.clone(),
            Some(k.report_kind.clone()),
            k.report_year.map(|y| y.to_string()),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
    });
    let _ = writeln!(
        s,
        "<h2>{}</h2><p class=\"file\">{} ({} findings)</p>",
        escape(&title),
        escape(source_file),
        found.len()
    );
    for d in found {
        s.push_str(&finding(d));
    }
    s.push_str("</section>\n");
    s
}

fn finding(d: &DiscrepancyRow) -> String {
    let mut s = format!(
        "<article class=\"finding {sev}\" data-kind=\"{kind}\" data-severity=\"{sev}\" data-report=\"{id}\">\n",
        sev = escape(&d.severity),
        kind = escape(&d.kind),
        id = escape(&d.keys.report_id)
    );
    let _ = writeln!(
        s,
        "<h3><span class=\"sev\">{}</span> [{}] {}</h3>",
        escape(&d.severity),
        escape(&d.kind),
        escape(&d.message)
    );
    if let Some(first) = d.locations.first() {
        let column = first.column.map_or(String::new(), |c| format!(":{c}"));
        let page = first.page.map_or(String::new(), |p| format!(" (page {p})"));
        let _ = writeln!(
            s,
            "<p class=\"where\">{}:{}{}{}</p>",
            escape(&first.source_file),
            first.line,
            column,
            page
        );
    }
    s.push_str("<pre class=\"excerpt\">");
    for place in &d.locations {
        s.push_str(&excerpt_line(place));
    }
    s.push_str("</pre>\n");
    if let (Some(e), Some(f)) = (&d.expected, &d.found) {
        let _ = writeln!(s, "<p>expected {} · found {}</p>", escape(e), escape(f));
    }
    if let Some(help) = &d.help {
        let _ = writeln!(s, "<p class=\"help\">help: {}</p>", escape(help));
    }
    s.push_str("</article>\n");
    s
}

/// A source line with the located cell marked, and what the cell is.
fn excerpt_line(p: &PlaceRow) -> String {
    let chars: Vec<char> = p.text.chars().collect();
    let start = p.column.map_or(0, |c| c.saturating_sub(1)).min(chars.len());
    let end = p.length.map_or(start, |n| (start + n).min(chars.len()));
    let part = |a: usize, b: usize| escape(&chars.get(a..b).unwrap_or_default().iter().collect::<String>());
    format!(
        "<span class=\"ln\">{}</span>{}<mark>{}</mark>{}  <i>{}</i>\n",
        p.line,
        part(0, start),
        part(start, end),
        part(end, chars.len()),
        escape(&p.label)
    )
}

fn failures(summary: &Summary) -> String {
    if summary.failures.is_empty() {
        return String::new();
    }
    let items: String = summary
        .failures
        .iter()
        .map(|f| {
            format!(
                "<li><code>{}</code>: {}</li>",
                escape(&f.source_file),
                escape(&f.reason)
            )
        })
        .collect();
    format!("<section class=\"failures\"><h2>Files not imported</h2><ul>{items}</ul></section>\n")
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

    #[test]
    fn the_excerpt_marks_the_located_cell() {
        let p = PlaceRow {
            source_file: "r.txt".into(),
            line: 1086,
            page: None,
            bbox: None,
            column: Some(5),
            length: Some(5),
            label: "persen <of> 4".into(),
            text: "4.1\t95,93\t<b>".into(),
        };
        assert_eq!(
            excerpt_line(&p),
            "<span class=\"ln\">1086</span>4.1\t<mark>95,93</mark>\t&lt;b&gt;  <i>persen &lt;of&gt; 4</i>\n"
        );
    }
}
