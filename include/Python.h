/*
 * Python.h: the entry point for C code, as CPython's.
 *
 * Hand-written. It includes the C library headers CPython's Python.h provides, the version
 * and portability macros, the declarations generated from the Rust sources (subinterp.h),
 * and the macros and static inline functions C code expects. No extern "C" block here:
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
#include "subinterp.h"
#include "pystate.h"
#include "ceval.h"
#include "pylifecycle.h"

#endif /* !Py_PYTHON_H */
