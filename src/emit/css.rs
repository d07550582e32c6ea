//! The site's style sheet: the theme's CSS files bundled and minified with lightningcss.
//!
//! In: `themes/explainer/css/main.css`, which `@import`s one file per component (tokens,
//! layout, timeline, map, sources, print, …). Out: one minified file, `static/explainer.css`,
//! that Zola copies to `public/explainer.css`. Imports are inlined in order (media-qualified
//! imports such as the print sheet keep their `@media` wrapper), and syntax newer than the
//! browser targets is lowered for them.
//!
//! What it gets wrong: nothing known. The targets are a fixed browserslist query; a newsroom
//! with other needs edits [`BROWSERS`].

use crate::error::{Error, ErrorKind, Result};
use lightningcss::bundler::{Bundler, FileProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};
use std::path::{Path, PathBuf};

/// Browsers the CSS is written for (a browserslist query, resolved offline from data compiled
/// into lightningcss).
pub const BROWSERS: &[&str] = &["> 0.5%", "last 2 versions", "Firefox ESR", "not dead"];

/// The entry file, relative to the site root.
pub const ENTRY: &str = "themes/explainer/css/main.css";

/// The output file, relative to the site root.
pub const OUTPUT: &str = "static/explainer.css";

/// Bundles and minifies the CSS starting at `entry`.
pub fn bundle_file(entry: &Path) -> Result<String> {
    let shown = crate::error::display_path(entry);
    let fail = |msg: String| Error::new(ErrorKind::Config, msg).in_file(&shown).hint("fix the theme's CSS (see themes/explainer/README.md)");
    let browsers = Browsers::from_browserslist(BROWSERS.iter().copied())
        .map_err(|e| fail(format!("browser targets {BROWSERS:?}: {e}")))?;
    let targets = Targets::from(browsers.unwrap_or_default());
    let fs = FileProvider::new();
    let mut bundler = Bundler::new(&fs, None, ParserOptions::default());
    let mut sheet = bundler.bundle(entry).map_err(|e| fail(format!("cannot bundle: {e}")))?;
    sheet
        .minify(MinifyOptions { targets, ..MinifyOptions::default() })
        .map_err(|e| fail(format!("cannot minify: {e}")))?;
    let out = sheet
        .to_css(PrinterOptions { minify: true, targets, ..PrinterOptions::default() })
        .map_err(|e| fail(format!("cannot print: {e}")))?;
    let mut code = out.code;
    code.push('\n');
    Ok(code)
}

/// The site CSS as a file to write under `root`.
pub fn site_css(root: &Path) -> Result<super::OutFile> {
    let bytes = bundle_file(&root.join(ENTRY))?.into_bytes();
    Ok(super::OutFile { path: PathBuf::from(OUTPUT), bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_css_bundles_small_and_complete() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let css = bundle_file(&root.join(ENTRY)).unwrap();
        assert!(!css.contains("@import"), "imports are inlined");
        assert!(css.contains("prefers-color-scheme:dark"), "dark mode survives bundling");
        assert!(css.contains("@media print"), "the print sheet is included");
        assert!(css.contains(":target"), "paragraph highlight on :target");
        assert!(css.len() < 24_000, "site CSS is {} bytes; keep the page under 60 KB", css.len());
    }

    #[test]
    fn broken_css_names_the_file() {
        let dir = std::env::temp_dir().join(format!("explainer-css-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("main.css");
        std::fs::write(&f, "@import \"missing.css\";\n").unwrap();
        let e = bundle_file(&f).unwrap_err().to_string();
        assert!(e.contains("main.css"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
