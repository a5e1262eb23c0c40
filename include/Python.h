/*
 * Python.h: the entry point for C code, as CPython's.
 *
 * Hand-written. It includes the C library headers CPython's Python.h provides, the version
 * and portability macros, the hand-written headers with every layout, constant, macro and
 * static inline function (under CPython's header names), then the function and global
 * declarations generated from the Rust sources (subinterp.h). No extern "C" block here:
 * each sub-header has its own.
 */
#ifndef Py_PYTHON_H
#define Py_PYTHON_H

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <wchar.h>

#include "patchlevel.h"
#include "pyport.h"
#include "pymath.h"
#include "pytypedefs.h"

/* Layouts, constants and macros (hand-written; checked against the Rust side by ctest). */
#include "pystate.h"
#include "initconfig.h"
#include "pylifecycle.h"
#include "subinterp_types.h"
#include "object.h"
#include "typeslots.h"
#include "pybuffer.h"
#include "methodobject.h"
#include "moduleobject.h"
#include "descrobject.h"
#include "longobject.h"
#include "floatobject.h"
#include "tupleobject.h"
#include "listobject.h"
#include "sliceobject.h"
#include "rangeobject.h"
#include "iterobject.h"
#include "pycapsule.h"
#include "unicodeobject.h"
#include "bytesobject.h"
#include "dictobject.h"
#include "setobject.h"
#include "bytearrayobject.h"
#include "memoryobject.h"
#include "pyerrors.h"
#include "weakrefobject.h"

/* Function and global declarations (generated from src/ by cbindgen). */
#include "subinterp.h"

/* Macros over the functions. */
#include "ceval.h"
#include "objimpl.h"
#include "abstract.h"
#include "modsupport.h"
#include "cpython/object.h"
#include "cpython/abstract.h"
#include "cpython/methodobject.h"
#include "cpython/longobject.h"
#include "cpython/pyerrors.h"
#include "cpython/unicodeobject.h"
#include "cpython/sliceobject.h"
#include "cpython/weakrefobject.h"
#include "cpython/classobject.h"

#endif /* !Py_PYTHON_H */
