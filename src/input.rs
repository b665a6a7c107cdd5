//! Inputs: which files a run lints (paths, directories walked with the `ignore` crate, stdin) and
//! reading them as text without altering a byte, so spans point into the file as read.

use std::io::Read;
use std::path::{Path, PathBuf};

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

/// File extensions picked up when walking a directory.
pub const TEXT_EXTENSIONS: &[&str] = &["txt", "text"];

/// Expand paths: files as given, directories walked (honouring .gitignore, skipping hidden files),
/// `-` as standard input. The walk is sorted, so output order is deterministic.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Input, (String, String)>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(Input::Stdin));
        } else if p.is_dir() {
            let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(p)
                .sort_by_file_path(|a, b| a.cmp(b))
                .build()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
                .map(|e| e.into_path())
                .filter(|f| f.extension().and_then(|e| e.to_str()).is_some_and(|e| TEXT_EXTENSIONS.contains(&e)))
                .collect();
            found.sort();
            out.extend(found.into_iter().map(|f| Ok(Input::File(f))));
        } else if p.exists() {
            out.push(Ok(Input::File(p.clone())));
        } else {
            out.push(Err((p.display().to_string(), "no such file or directory".to_string())));
        }
    }
    out
}

/// Read an input as UTF-8 text, exactly as stored.
pub fn read(input: &Input) -> Result<String, String> {
    let bytes = match input {
        Input::File(p) => std::fs::read(p).map_err(|e| format!("cannot read: {e}"))?,
        Input::Stdin => {
            let mut b = Vec::new();
            std::io::stdin().read_to_end(&mut b).map_err(|e| format!("cannot read standard input: {e}"))?;
            b
        }
    };
    decode(bytes)
}

pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes); not linted".to_string());
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        format!("not valid UTF-8 (first bad byte at offset {at}); convert it to UTF-8 first")
    })
}

pub fn display_name(input: &Input, stdin_name: Option<&str>) -> String {
    match input {
        Input::File(p) => p.display().to_string(),
        Input::Stdin => stdin_name.unwrap_or("<stdin>").to_string(),
    }
}

/// Is `p` a path the walker would pick up?
pub fn is_text_file(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| TEXT_EXTENSIONS.contains(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_utf8_and_binary_inputs_are_refused_with_a_reason() {
        assert!(decode(vec![b'a', 0xff]).unwrap_err().contains("offset 1"));
        assert!(decode(vec![b'a', 0]).unwrap_err().contains("binary"));
        assert_eq!(decode("é".as_bytes().to_vec()).unwrap(), "é");
    }
}
