//! Generates include/subinterp.h from the exported items in src/ with cbindgen.
//!
//! The header is checked in. `SUBINTERP_VERIFY_HEADER=1` turns this into a check: the build
//! fails if the committed header differs from what the sources say (`make check-header`).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-env-changed=SUBINTERP_VERIFY_HEADER");
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("reading cbindgen.toml");
    let version = format!(
        "#define SUBINTERP_VERSION_MAJOR {}\n#define SUBINTERP_VERSION_MINOR {}\n#define SUBINTERP_VERSION_PATCH {}\n#define SUBINTERP_VERSION \"{}\"",
        env("CARGO_PKG_VERSION_MAJOR"),
        env("CARGO_PKG_VERSION_MINOR"),
        env("CARGO_PKG_VERSION_PATCH"),
        env("CARGO_PKG_VERSION"),
    );
    config.after_includes = Some(config.after_includes.unwrap_or_default() + &version);
    let bindings = cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header");
    let header = dir.join("include/subinterp.h");
    if std::env::var("SUBINTERP_VERIFY_HEADER").as_deref() == Ok("1") {
        let mut fresh = Vec::new();
        bindings.write(&mut fresh);
        let committed = std::fs::read(&header).unwrap_or_default();
        if fresh != committed {
            panic!("include/subinterp.h is stale: run `make header` and commit it");
        }
    } else {
        bindings.write_to_file(&header);
    }
    // After the header: the C bodies include it.
    compile_c_shims();
}

fn env(name: &str) -> String {
    std::env::var(name).expect("set by cargo")
}

/// Compiles `src/c/*.c`: the bodies of the C-variadic API functions (`PyTuple_Pack`,
/// `PyUnicode_FromFormat`, ...). Stable Rust cannot define a C-variadic function, and a
/// cdylib does not export C symbols, so each is exported as a naked Rust function that
/// tail-jumps here (see `src/c/README.md`).
fn compile_c_shims() {
    let mut files: Vec<_> = std::fs::read_dir("src/c")
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "c"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    if files.is_empty() {
        return;
    }
    cc::Build::new()
        .files(&files)
        .include("include")
        .flag("-std=gnu11")
        .flag("-fvisibility=hidden")
        .warnings(true)
        .extra_warnings(true)
        .flag("-Werror")
        .flag("-Wno-unused-parameter")
        .compile("subinterp_c");
}
