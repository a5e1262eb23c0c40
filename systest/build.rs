//! Generates the ABI check: ctest reads `src/abi.rs` (self-contained, `core::ffi` types
//! only), writes a C file that includes `include/Python.h` and reports what the C compiler
//! makes of every struct, field, alias and constant, and a Rust file that compares it with
//! what rustc makes of the same items. `src/main.rs` runs the comparison.
//!
//! Every skip is listed in `SKIPS` with the reason, and `src/main.rs` prints the list, so
//! nothing is left out silently.

use std::fs;
use std::path::PathBuf;

#[path = "src/headers.rs"]
mod headers;

/// Items of `src/abi.rs` ctest does not check, and why.
const SKIPS: &[(&str, &str)] = &[
    // Opaque handles: `struct X { _private: [u8; 0] }`, not `#[repr(C)]`. C only sees an
    // incomplete `typedef struct X X;`, so sizeof/alignof cannot be asked of C (and the
    // Rust size is meaningless). Pointers to them are still checked as field types.
    ("PyInterpreterState", "opaque (incomplete type in C)"),
    ("PyInterpreterGuard", "opaque (incomplete type in C)"),
    ("PyInterpreterView", "opaque (incomplete type in C)"),
    ("PyThreadStateToken", "opaque (incomplete type in C)"),
];

/// Structs that `include/` may not declare yet: cbindgen only emits a struct once an
/// exported function uses it, and the `PyConfig` functions are being added on another
/// branch. Each is checked as soon as the header declares it; until then it is reported as
/// not checked. Remove the names once the header declares them (any other struct missing
/// from the header is a C compile error, i.e. a failed check).
const MAYBE_UNDECLARED: &[&str] = &["PyConfig", "PyPreConfig", "PyWideStringList"];

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = dir.parent().expect("systest/ lives in the workspace root");
    let abi_rs = root.join("src/abi.rs");
    let include = root.join("include");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", abi_rs.display());
    println!("cargo:rerun-if-changed={}", include.display());

    let headers = headers::read(&include).expect("reading include/*.h");
    let mut skipped: Vec<(String, String)> =
        SKIPS.iter().map(|(n, why)| (n.to_string(), why.to_string())).collect();
    for name in MAYBE_UNDECLARED {
        if !headers.contains(&format!("struct {name} {{")) {
            skipped.push((name.to_string(), "NOT YET DECLARED in include/ (checked once it is)".into()));
        }
    }

    let mut cfg = ctest::TestGenerator::new();
    cfg.header("Python.h").include(&include).flag("-std=gnu11");
    let skip_structs: Vec<String> = skipped.iter().map(|(n, _)| n.clone()).collect();
    cfg.skip_struct(move |s| skip_structs.iter().any(|n| n == s.ident()));
    // No `extern` blocks in abi.rs (functions are `#[no_mangle]` definitions elsewhere),
    // so there are no function or static checks to configure.

    let all_rs =
        ctest::generate_test(&mut cfg, &abi_rs, "all.rs").expect("ctest could not generate the ABI check");

    // ctest's Rust half ends in its own `fn main` (prints "PASSED n tests" or panics).
    // Rename it so src/main.rs can wrap it with a summary and a plain exit code.
    let generated = fs::read_to_string(&all_rs).expect("reading all.rs");
    assert_eq!(
        generated.matches("\nfn main() {").count(),
        1,
        "ctest's generated all.rs changed shape (ctest is pinned to =0.5.1): update systest/build.rs"
    );
    let generated = generated.replace("\nfn main() {", "\nfn ctest_main() {");
    fs::write(&all_rs, &generated).expect("writing all.rs");

    // What src/main.rs prints: the items checked (from ctest's list of tests) and skipped.
    let tests: Vec<&str> = generated
        .split_once("\nfn run_all() {")
        .expect("run_all in all.rs")
        .1
        .lines()
        .filter_map(|l| l.trim().strip_suffix("();"))
        .collect();
    let names = |prefix: &str, only: &dyn Fn(&str) -> bool| -> Vec<String> {
        tests
            .iter()
            .filter_map(|t| t.strip_prefix(prefix))
            .map(|n| n.trim_start_matches('_').to_string())
            .filter(|n| only(n))
            .collect()
    };
    let is_struct = |n: &str| generated.contains(&format!("ctest_field_size_offset_{n}_"));
    let structs = names("ctest_size_align_", &is_struct);
    let aliases = names("ctest_size_align_", &|n| !is_struct(n));
    let consts = names("ctest_const_", &|_| true);
    let fields = tests.iter().filter(|t| t.starts_with("ctest_field_size_offset_")).count();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    let mut summary = format!(
        "structs ({}, {fields} fields): {}\naliases ({}): {}\nconstants: {}\n",
        structs.len(),
        structs.join(" "),
        aliases.len(),
        aliases.join(" "),
        consts.len()
    );
    for (n, why) in &skipped {
        summary += &format!("skipped {n}: {why}\n");
    }
    fs::write(out.join("summary.txt"), summary).expect("writing summary.txt");
    println!("cargo:rustc-env=SYSTEST_INCLUDE_DIR={}", include.display());
    println!("cargo:rustc-env=SYSTEST_HEADERS_FINGERPRINT={}", headers::fingerprint(&headers));
}
