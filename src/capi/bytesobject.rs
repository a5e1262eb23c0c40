//! `bytes` (CPython's `bytesobject.h`): `PyBytes_FromFormat` and `PyBytes_FromFormatV`,
//! whose body is the C format engine shared with `PyUnicode_FromFormat`
//! (`src/c/format.c`).

/// The C bodies (src/c/format.c).
/// cbindgen:ignore
#[allow(unused_doc_comments)]
unsafe extern "C" {
    fn subinterp_c_PyBytes_FromFormat();
    fn subinterp_c_PyBytes_FromFormatV();
}

/// `PyBytes_FromFormat(format, ...)`: `bytes` from a printf-style format, with CPython
/// 3.13's lenient subset: `%%`, `%c` (0..255), `%d`, `%u` (with `l` or `z`), `%i`, `%x`,
/// `%s` (a precision limits it), `%p`; widths are ignored; at any other conversion the
/// rest of the format is copied unformatted. Declared in `bytesobject.h`; this symbol
/// tail-jumps to its C body (see `src/c/README.md`).
///
/// Returns: a new reference.
/// Errors: NULL with `OverflowError("PyBytes_FromFormatV(): %c format expects an integer
/// in range [0; 255]")`, `SystemError` for a NULL format or `%s` argument. A `*` in a
/// conversion (which CPython skips, reading the wrong arguments) stops formatting there.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyBytes_FromFormat() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyBytes_FromFormat);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyBytes_FromFormat);
}

/// `PyBytes_FromFormatV(format, vargs)`: `PyBytes_FromFormat` with a `va_list`.
/// cbindgen:ignore
#[unsafe(no_mangle)]
#[unsafe(naked)]
pub unsafe extern "C" fn PyBytes_FromFormatV() {
    #[cfg(target_arch = "x86_64")]
    core::arch::naked_asm!("jmp {}", sym subinterp_c_PyBytes_FromFormatV);
    #[cfg(target_arch = "aarch64")]
    core::arch::naked_asm!("b {}", sym subinterp_c_PyBytes_FromFormatV);
}
