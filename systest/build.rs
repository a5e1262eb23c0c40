//! Generates the ABI check: ctest reads `src/abi/` (self-contained, `core::ffi` types
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

/// Items of `src/abi/` ctest does not check, and why.
const SKIPS: &[(&str, &str)] = &[
    // Opaque handles: `struct X { _private: [u8; 0] }`, not `#[repr(C)]`. C only sees an
    // incomplete `typedef struct X X;`, so sizeof/alignof cannot be asked of C (and the
    // Rust size is meaningless). Pointers to them are still checked as field types.
    ("PyInterpreterState", "opaque (incomplete type in C)"),
    ("PyInterpreterGuard", "opaque (incomplete type in C)"),
    ("PyInterpreterView", "opaque (incomplete type in C)"),
    ("PyThreadStateToken", "opaque (incomplete type in C)"),
    ("PyDictKeysObject", "opaque (incomplete type in C)"),
    ("PyDictValues", "opaque (incomplete type in C)"),
];

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let root = dir.parent().expect("systest/ lives in the workspace root");
    let abi_rs = root.join("src/abi/mod.rs");
    let include = root.join("include");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={}", abi_rs.display());
    println!("cargo:rerun-if-changed={}", include.display());

    let headers = headers::read(&include).expect("reading include/*.h");
    let mut skipped: Vec<(String, String)> =
        SKIPS.iter().map(|(n, why)| (n.to_string(), why.to_string())).collect();

    let mut cfg = ctest::TestGenerator::new();
    cfg.header("Python.h").include(&include).flag("-std=gnu11");
    // The headers declare every struct through a typedef (CPython's tags such as `_object`
    // or anonymous structs are not the Rust names), so C refers to them by typedef name.
    cfg.rename_struct_ty(|ty| Some(ty.to_string()));
    // `type` is a Rust keyword.
    cfg.rename_struct_field(|s, f| {
        (s.ident() == "PyMemberDef" && f.ident() == "type_").then(|| "type".into())
    });
    // CPython declares `state` as a bit-field struct (interned:2, kind:3, compact:1, ascii:1,
    // statically_allocated:1); Rust reads the same 32 bits as an unsigned int. Its offset and
    // size are still checked; only the C type differs by design.
    cfg.skip_struct_field_type(|s, f| s.ident() == "PyASCIIObject" && f.ident() == "state");
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
