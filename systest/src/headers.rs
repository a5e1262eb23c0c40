//! A fingerprint of `include/*.h`, shared by `build.rs` and `main.rs` (`#[path]` module).
//!
//! Cargo may run this crate's build script before `subinterp`'s has regenerated
//! `include/subinterp.h` (there is no `links` key to order them). `build.rs` records the
//! fingerprint of the headers it compiled; `main.rs` refuses to report a result for headers
//! that have changed since.

use std::fs;
use std::path::{Path, PathBuf};

/// The contents of `include/*.h`, in name order.
pub fn read(include: &Path) -> std::io::Result<String> {
    let mut paths: Vec<PathBuf> =
        fs::read_dir(include)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "h"));
    paths.sort();
    let mut text = String::new();
    for p in paths {
        text += &fs::read_to_string(&p)?;
    }
    Ok(text)
}

/// 64-bit FNV-1a of `text`.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
