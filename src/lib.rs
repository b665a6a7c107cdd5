//! mtlint: a linter for English news text that has been machine-translated, scraped and re-published.
//!
//! ```no_run
//! let rules = mtlint::RuleSet::builtin().expect("the built-in rules load");
//! for d in rules.lint("Anthony Blinken met Xi Jinping.") {
//!     println!("{} {:?} {}", rules.rules[d.rule].id, d.span, d.message);
//! }
//! ```

pub mod baseline;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod examples;
pub mod fix;
pub mod input;
pub mod kinds;
pub mod lint;
pub mod output;
pub mod rules;
pub mod text;

pub use config::Config;
pub use diagnostic::{Diagnostic, Fix, Severity};
pub use engine::RuleSet;
pub use text::{Document, Span};
