//! One finding of `report.html`: its article (escaped here, once) and the line of the
//! page's data that carries it with what the filters and sorts read.

use super::escape;
use super::excerpt::excerpt;
use super::notation::indonesian;
use crate::dataset::DiscrepancyRow;

/// The finding as one line of JSON: severity `s`, kind `k`, report `r` (empty across
/// reports), |delta| `d` (for sorting), and its article `h`.
pub fn record(d: &DiscrepancyRow) -> String {
    let report = match d.across_reports {
        true => "",
        false => d.keys.report_id.as_str(),
    };
    let delta = d
        .delta
        .as_deref()
        .and_then(|s| s.trim_start_matches('-').parse::<f64>().ok());
    let value = serde_json::json!({
        "s": d.severity,
        "k": d.kind,
        "r": report,
        "d": delta,
        "h": article(d),
    });
    script_safe(&value.to_string())
}

/// JSON that cannot end the `<script>` holding it: `</` is written `<\/`, `<!--` `<\u0021--`.
pub fn script_safe(json: &str) -> String {
    json.replace("</", "<\\/").replace("<!--", "<\\u0021--")
}

/// The finding for people: severity, kind and message; where (file, page, line, cell);
/// the source lines with the marks; expected, found and delta in Indonesian notation;
/// the likely repair.
fn article(d: &DiscrepancyRow) -> String {
    let mut s = format!(
        "<article class=\"finding {sev}\"><h3><span class=\"sev\">{sev}</span> <code class=\"kind\">{kind}</code> {message}</h3>\n",
        sev = escape(&d.severity),
        kind = escape(&d.kind),
        message = escape(&d.message)
    );
    s.push_str(&place(d));
    s.push_str(&excerpt(&d.locations));
    if let Some(found) = &d.found {
        let mut parts = Vec::new();
        if let Some(e) = &d.expected {
            parts.push(format!("expected <b>{}</b>", escape(&indonesian(e, false))));
        }
        parts.push(format!("found <b>{}</b>", escape(&indonesian(found, false))));
        if let Some(delta) = &d.delta {
            parts.push(format!("delta <b>{}</b>", escape(&indonesian(delta, true))));
        }
        s.push_str(&format!("<p class=\"figures\">{}</p>\n", parts.join(" · ")));
    }
    if let Some(help) = &d.help {
        s.push_str(&format!("<p class=\"help\">help: {}</p>\n", escape(help)));
    }
    s.push_str("</article>\n");
    s
}

/// `file · page 64 · cell 412,3–470,0 × 301,2–310,8 pt · line 1086:5`.
fn place(d: &DiscrepancyRow) -> String {
    let Some(first) = d.locations.first() else {
        return String::new();
    };
    let mut parts = vec![format!(
        "<span class=\"file\">{}</span>",
        escape(&first.source_file)
    )];
    if let Some(page) = first.page {
        parts.push(format!("<b>page {page}</b>"));
    }
    if let Some(b) = first.bbox {
        parts.push(format!("cell {}", escape(&b.describe())));
    }
    let column = first.column.map_or(String::new(), |c| format!(":{c}"));
    let line = match first.page {
        Some(_) => format!("text line {}{column}", first.line),
        None => format!("line {}{column}", first.line),
    };
    parts.push(line);
    format!("<p class=\"where\">{}</p>\n", parts.join(" · "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_a_report_prints_can_close_the_script_of_the_data() {
        let json = script_safe(r#"{"h":"<mark>x</mark> &lt;/script&gt; </script><!-- a"}"#);
        assert!(!json.contains("</"));
        assert!(!json.contains("<!--"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back["h"], "<mark>x</mark> &lt;/script&gt; </script><!-- a");
    }
}
