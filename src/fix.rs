//! Applying fixes to files (`mtlint check --fix`): non-overlapping fixes in file order, written
//! through a temporary file in the same folder and renamed over the original, so a file is never
//! left half written.

use std::io::Write;
use std::path::Path;

use crate::lint::Finding;

/// Apply the fixes of `findings` (spans relative to `text`, shifted by `base`) that do not overlap
/// an earlier one. Returns the new text and, per finding, whether its fix was applied.
pub fn apply(text: &str, base: usize, findings: &[Finding]) -> (String, Vec<bool>) {
    let mut order: Vec<usize> = (0..findings.len()).filter(|&i| findings[i].fix.is_some()).collect();
    order.sort_by_key(|&i| {
        let f = findings[i].fix.as_ref().expect("filtered");
        (f.span.start, f.span.end)
    });
    let mut applied = vec![false; findings.len()];
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for i in order {
        let f = findings[i].fix.as_ref().expect("filtered");
        let (start, end) = (f.span.start - base, f.span.end - base);
        if start < at || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&f.replacement);
        at = end;
        applied[i] = true;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Replace `path`'s contents with `contents` atomically, keeping its permissions.
pub fn write_atomically(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
