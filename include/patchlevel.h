/*
 * patchlevel.h: the CPython version whose C-API semantics subinterp follows (3.13).
 * PEP 788's functions (CPython 3.15) are available too: test SUBINTERP_HAS_PEP788.
 */
#ifndef Py_PATCHLEVEL_H
#define Py_PATCHLEVEL_H

#define PY_RELEASE_LEVEL_ALPHA  0xA
#define PY_RELEASE_LEVEL_BETA   0xB
#define PY_RELEASE_LEVEL_GAMMA  0xC
#define PY_RELEASE_LEVEL_FINAL  0xF

#define PY_MAJOR_VERSION        3
#define PY_MINOR_VERSION        13
#define PY_MICRO_VERSION        0
#define PY_RELEASE_LEVEL        PY_RELEASE_LEVEL_FINAL
#define PY_RELEASE_SERIAL       0

#define PY_VERSION              "3.13.0"

#define PY_VERSION_HEX ((PY_MAJOR_VERSION << 24) | \
                        (PY_MINOR_VERSION << 16) | \
                        (PY_MICRO_VERSION <<  8) | \
                        (PY_RELEASE_LEVEL <<  4) | \
                        (PY_RELEASE_SERIAL << 0))

/* Ours: this is subinterp, not CPython, and it ships PEP 788 ahead of 3.15. */
#define SUBINTERP 1
#define SUBINTERP_HAS_PEP788 1

#endif /* !Py_PATCHLEVEL_H */
