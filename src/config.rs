//! `mtlint.toml`: which packs and rules run, extra rule folders, severity overrides.
//! Found by walking up from the current directory, or named with `--config`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::error::FileError;

pub const FILE_NAME: &str = "mtlint.toml";

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Packs, rule ids or rule names to run; everything when empty.
    #[serde(default)]
    pub select: Vec<String>,
    /// Packs, rule ids or rule names never to run.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Extra rules roots or pack folders, relative to the config file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Rule id or name → severity.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// HTML: `auto`, `article` or `page` (see `--html-scope`).
    #[serde(default, rename = "html-scope")]
    pub html_scope: Option<crate::input::html::Scope>,
    /// Where the file was found.
    #[serde(skip)]
    pub path: Option<PathBuf>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, FileError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| FileError::new(&shown, "", None, format!("cannot read: {e}")))?;
        let mut c: Config = toml::from_str(&text).map_err(|e| FileError::new(&shown, &text, e.span(), e.message()))?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        c.rules = c.rules.iter().map(|r| base.join(r)).collect();
        c.path = Some(path.to_path_buf());
        Ok(c)
    }

    /// The nearest `mtlint.toml` in `start` or a parent directory.
    pub fn discover(start: &Path) -> Result<Config, FileError> {
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::default())
    }

    /// Does the configuration let this rule run?
    pub fn enables(&self, pack: &str, id: &str, name: &str) -> bool {
        let hit = |list: &[String]| list.iter().any(|s| s == pack || s == id || s == name);
        (self.select.is_empty() || hit(&self.select)) && !hit(&self.ignore)
    }

    pub fn severity_for(&self, id: &str, name: &str) -> Option<Severity> {
        self.severity.get(id).or_else(|| self.severity.get(name)).copied()
    }
}
