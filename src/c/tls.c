/*
 * The calling thread's attached thread state, in initial-exec TLS.
 *
 * Rust's thread_local! in a shared library uses the general-dynamic TLS model: every read
 * is a call to __tls_get_addr. The attached thread state is read on every allocation and
 * most API calls, and that call was ~10% of small-object workloads. Initial-exec is one
 * %fs-relative load; it takes a few bytes of the static TLS block, which glibc reserves
 * even for libraries loaded with dlopen (its surplus is far larger than one pointer).
 * tstate.rs owns the semantics; this file only stores the pointer.
 */
#include <stddef.h>

/* Not static: on x86-64 tstate.rs reads it inline (initial-exec, %fs-relative) instead of
   calling subinterp_c_tls_current. Hidden, like everything in this directory. */
__thread void *subinterp_c_tls_tstate __attribute__((tls_model("initial-exec"))) = NULL;

void *subinterp_c_tls_current(void) { return subinterp_c_tls_tstate; }

void subinterp_c_tls_set_current(void *ts) { subinterp_c_tls_tstate = ts; }
