/*
 * cpython_layout.c: the layout of the structs and the values of the constants subinterp
 * shares with CPython 3.13, one item per line.
 *
 * tools/check-cpython-abi.sh compiles it twice, against CPython 3.13's headers and against
 * our include/, runs both and diffs the outputs: any difference is a place where src/abi/
 * (from which include/subinterp.h is generated) departs from CPython.
 *
 * Lines:
 *   struct NAME size=N align=N
 *   field NAME.FIELD offset=N size=N type=T     (T from _Generic: int, unsigned long, ...)
 *   const NAME = VALUE (T)                      (T: the C type of the expression)
 *
 * Macros the script may define:
 *   LAYOUT_CPYTHON_INTERNAL  also include CPython's internal headers (Py_BUILD_CORE), where
 *                            Py_RTFLAGS_*, _Py_THREAD_*, _PY_*_BIT and the
 *                            _PyThreadState_WHENCE_* values live. CPython side only.
 *   LAYOUT_SKIP_<Struct>     leave out PyConfig, PyPreConfig or PyWideStringList: cbindgen
 *                            declares a struct only once an exported function uses it.
 *
 * Deliberately not compared:
 *   - sizeof(PyThreadState): ours is only the public head of CPython's struct _ts.
 *   - the type of PyThreadState._status: a bit-field struct in CPython, unsigned int here
 *     (offset and size are compared).
 *   - the type of PyStatus._type: an anonymous enum in CPython, which GCC makes unsigned
 *     int; int here. Same size and values (the _PyStatus_TYPE_* constants are compared).
 */
#ifdef LAYOUT_CPYTHON_INTERNAL
#  define Py_BUILD_CORE 1
#endif
#include <Python.h>
#ifdef LAYOUT_CPYTHON_INTERNAL
#  include "internal/pycore_ceval.h"    /* _PY_*_BIT */
#  include "internal/pycore_interp.h"   /* Py_RTFLAGS_* */
#  include "internal/pycore_pystate.h"  /* _Py_THREAD_* */
#endif

#include <stddef.h>
#include <stdio.h>

#if PY_MAJOR_VERSION != 3 || PY_MINOR_VERSION != 13
#  error "cpython_layout.c compares with CPython 3.13"
#endif

#define TYPE(x) _Generic((x), \
    char: "char", signed char: "signed char", unsigned char: "unsigned char", \
    short: "short", unsigned short: "unsigned short", \
    int: "int", unsigned int: "unsigned int", \
    long: "long", unsigned long: "unsigned long", \
    long long: "long long", unsigned long long: "unsigned long long", \
    char *: "char *", const char *: "const char *", \
    wchar_t *: "wchar_t *", wchar_t **: "wchar_t **", \
    PyThreadState *: "PyThreadState *", PyInterpreterState *: "PyInterpreterState *", \
    default: "other")

#define STRUCT(S) \
    printf("struct %s size=%zu align=%zu\n", #S, sizeof(S), _Alignof(S))
#define FIELD_NOTYPE(S, F) \
    printf("field %s.%s offset=%zu size=%zu\n", #S, #F, offsetof(S, F), sizeof(((S *)0)->F))
#define FIELD(S, F) \
    printf("field %s.%s offset=%zu size=%zu type=%s\n", #S, #F, offsetof(S, F), \
           sizeof(((S *)0)->F), TYPE(((S *)0)->F))
#define CONST(C) \
    printf("const %s = %lld (%s)\n", #C, (long long)(C), TYPE(C))

static void
constants(void)
{
    /* Enumerators in CPython (always declared, so not #ifdef-able). */
    CONST(PyGILState_LOCKED);
    CONST(PyGILState_UNLOCKED);
    CONST(_PyStatus_TYPE_OK);
    CONST(_PyStatus_TYPE_ERROR);
    CONST(_PyStatus_TYPE_EXIT);

    /* Macros: printed where defined; the script reports one side lacking them. */
#ifdef PyInterpreterConfig_DEFAULT_GIL
    CONST(PyInterpreterConfig_DEFAULT_GIL);
#endif
#ifdef PyInterpreterConfig_SHARED_GIL
    CONST(PyInterpreterConfig_SHARED_GIL);
#endif
#ifdef PyInterpreterConfig_OWN_GIL
    CONST(PyInterpreterConfig_OWN_GIL);
#endif
#ifdef Py_RTFLAGS_USE_MAIN_OBMALLOC
    CONST(Py_RTFLAGS_USE_MAIN_OBMALLOC);
#endif
#ifdef Py_RTFLAGS_MULTI_INTERP_EXTENSIONS
    CONST(Py_RTFLAGS_MULTI_INTERP_EXTENSIONS);
#endif
#ifdef Py_RTFLAGS_THREADS
    CONST(Py_RTFLAGS_THREADS);
#endif
#ifdef Py_RTFLAGS_DAEMON_THREADS
    CONST(Py_RTFLAGS_DAEMON_THREADS);
#endif
#ifdef Py_RTFLAGS_FORK
    CONST(Py_RTFLAGS_FORK);
#endif
#ifdef Py_RTFLAGS_EXEC
    CONST(Py_RTFLAGS_EXEC);
#endif
#ifdef _Py_THREAD_DETACHED
    CONST(_Py_THREAD_DETACHED);
#endif
#ifdef _Py_THREAD_ATTACHED
    CONST(_Py_THREAD_ATTACHED);
#endif
#ifdef _PyThreadState_WHENCE_UNKNOWN
    CONST(_PyThreadState_WHENCE_UNKNOWN);
#endif
#ifdef _PyThreadState_WHENCE_INIT
    CONST(_PyThreadState_WHENCE_INIT);
#endif
#ifdef _PyThreadState_WHENCE_FINI
    CONST(_PyThreadState_WHENCE_FINI);
#endif
#ifdef _PyThreadState_WHENCE_THREADING
    CONST(_PyThreadState_WHENCE_THREADING);
#endif
#ifdef _PyThreadState_WHENCE_GILSTATE
    CONST(_PyThreadState_WHENCE_GILSTATE);
#endif
#ifdef _PyThreadState_WHENCE_EXEC
    CONST(_PyThreadState_WHENCE_EXEC);
#endif
#ifdef _PY_GIL_DROP_REQUEST_BIT
    CONST(_PY_GIL_DROP_REQUEST_BIT);
#endif
#ifdef _PY_SIGNALS_PENDING_BIT
    CONST(_PY_SIGNALS_PENDING_BIT);
#endif
#ifdef _PY_CALLS_TO_DO_BIT
    CONST(_PY_CALLS_TO_DO_BIT);
#endif
#ifdef _PY_ASYNC_EXCEPTION_BIT
    CONST(_PY_ASYNC_EXCEPTION_BIT);
#endif
#ifdef _PY_GC_SCHEDULED_BIT
    CONST(_PY_GC_SCHEDULED_BIT);
#endif
#ifdef _PY_EVAL_PLEASE_STOP_BIT
    CONST(_PY_EVAL_PLEASE_STOP_BIT);
#endif
}

/* Heap types and module definitions: C code fills PyType_Spec and PyModuleDef statically,
   and reads PyHeapTypeObject's fields. */
static void
heap_types_and_modules(void)
{
    STRUCT(PyType_Slot);
    FIELD(PyType_Slot, slot);
    FIELD_NOTYPE(PyType_Slot, pfunc);
    STRUCT(PyType_Spec);
    FIELD(PyType_Spec, name);
    FIELD(PyType_Spec, basicsize);
    FIELD(PyType_Spec, itemsize);
    FIELD(PyType_Spec, flags);
    FIELD_NOTYPE(PyType_Spec, slots);
    STRUCT(PyHeapTypeObject);
    FIELD_NOTYPE(PyHeapTypeObject, ht_type);
    FIELD_NOTYPE(PyHeapTypeObject, as_async);
    FIELD_NOTYPE(PyHeapTypeObject, as_number);
    FIELD_NOTYPE(PyHeapTypeObject, as_mapping);
    FIELD_NOTYPE(PyHeapTypeObject, as_sequence);
    FIELD_NOTYPE(PyHeapTypeObject, as_buffer);
    FIELD_NOTYPE(PyHeapTypeObject, ht_name);
    FIELD_NOTYPE(PyHeapTypeObject, ht_slots);
    FIELD_NOTYPE(PyHeapTypeObject, ht_qualname);
    FIELD_NOTYPE(PyHeapTypeObject, ht_cached_keys);
    FIELD_NOTYPE(PyHeapTypeObject, ht_module);
    FIELD_NOTYPE(PyHeapTypeObject, _ht_tpname);
    FIELD_NOTYPE(PyHeapTypeObject, _spec_cache);
    STRUCT(PyModuleDef_Base);
    FIELD_NOTYPE(PyModuleDef_Base, ob_base);
    FIELD_NOTYPE(PyModuleDef_Base, m_init);
    FIELD_NOTYPE(PyModuleDef_Base, m_index);
    FIELD_NOTYPE(PyModuleDef_Base, m_copy);
    STRUCT(PyModuleDef_Slot);
    FIELD(PyModuleDef_Slot, slot);
    FIELD_NOTYPE(PyModuleDef_Slot, value);
    STRUCT(PyModuleDef);
    FIELD_NOTYPE(PyModuleDef, m_base);
    FIELD_NOTYPE(PyModuleDef, m_name);
    FIELD_NOTYPE(PyModuleDef, m_doc);
    FIELD_NOTYPE(PyModuleDef, m_size);
    FIELD_NOTYPE(PyModuleDef, m_methods);
    FIELD_NOTYPE(PyModuleDef, m_slots);
    FIELD_NOTYPE(PyModuleDef, m_traverse);
    FIELD_NOTYPE(PyModuleDef, m_clear);
    FIELD_NOTYPE(PyModuleDef, m_free);
    STRUCT(PyMemberDef);
    FIELD_NOTYPE(PyMemberDef, name);
    FIELD_NOTYPE(PyMemberDef, type);
    FIELD_NOTYPE(PyMemberDef, offset);
    FIELD_NOTYPE(PyMemberDef, flags);
    FIELD_NOTYPE(PyMemberDef, doc);
    CONST(Py_bf_getbuffer);
    CONST(Py_bf_releasebuffer);
    CONST(Py_mp_ass_subscript);
    CONST(Py_mp_length);
    CONST(Py_mp_subscript);
    CONST(Py_nb_absolute);
    CONST(Py_nb_add);
    CONST(Py_nb_and);
    CONST(Py_nb_bool);
    CONST(Py_nb_divmod);
    CONST(Py_nb_float);
    CONST(Py_nb_floor_divide);
    CONST(Py_nb_index);
    CONST(Py_nb_inplace_add);
    CONST(Py_nb_inplace_and);
    CONST(Py_nb_inplace_floor_divide);
    CONST(Py_nb_inplace_lshift);
    CONST(Py_nb_inplace_multiply);
    CONST(Py_nb_inplace_or);
    CONST(Py_nb_inplace_power);
    CONST(Py_nb_inplace_remainder);
    CONST(Py_nb_inplace_rshift);
    CONST(Py_nb_inplace_subtract);
    CONST(Py_nb_inplace_true_divide);
    CONST(Py_nb_inplace_xor);
    CONST(Py_nb_int);
    CONST(Py_nb_invert);
    CONST(Py_nb_lshift);
    CONST(Py_nb_multiply);
    CONST(Py_nb_negative);
    CONST(Py_nb_or);
    CONST(Py_nb_positive);
    CONST(Py_nb_power);
    CONST(Py_nb_remainder);
    CONST(Py_nb_rshift);
    CONST(Py_nb_subtract);
    CONST(Py_nb_true_divide);
    CONST(Py_nb_xor);
    CONST(Py_sq_ass_item);
    CONST(Py_sq_concat);
    CONST(Py_sq_contains);
    CONST(Py_sq_inplace_concat);
    CONST(Py_sq_inplace_repeat);
    CONST(Py_sq_item);
    CONST(Py_sq_length);
    CONST(Py_sq_repeat);
    CONST(Py_tp_alloc);
    CONST(Py_tp_base);
    CONST(Py_tp_bases);
    CONST(Py_tp_call);
    CONST(Py_tp_clear);
    CONST(Py_tp_dealloc);
    CONST(Py_tp_del);
    CONST(Py_tp_descr_get);
    CONST(Py_tp_descr_set);
    CONST(Py_tp_doc);
    CONST(Py_tp_getattr);
    CONST(Py_tp_getattro);
    CONST(Py_tp_hash);
    CONST(Py_tp_init);
    CONST(Py_tp_is_gc);
    CONST(Py_tp_iter);
    CONST(Py_tp_iternext);
    CONST(Py_tp_methods);
    CONST(Py_tp_new);
    CONST(Py_tp_repr);
    CONST(Py_tp_richcompare);
    CONST(Py_tp_setattr);
    CONST(Py_tp_setattro);
    CONST(Py_tp_str);
    CONST(Py_tp_traverse);
    CONST(Py_tp_members);
    CONST(Py_tp_getset);
    CONST(Py_tp_free);
    CONST(Py_nb_matrix_multiply);
    CONST(Py_nb_inplace_matrix_multiply);
    CONST(Py_am_await);
    CONST(Py_am_aiter);
    CONST(Py_am_anext);
    CONST(Py_tp_finalize);
    CONST(Py_am_send);
    CONST(Py_mod_create);
    CONST(Py_mod_exec);
    CONST(Py_mod_multiple_interpreters);
    CONST(Py_mod_gil);
    CONST(_Py_mod_LAST_SLOT);
    CONST(PYTHON_API_VERSION);
    CONST(PYTHON_ABI_VERSION);
    CONST(Py_T_SHORT);
    CONST(Py_T_INT);
    CONST(Py_T_LONG);
    CONST(Py_T_FLOAT);
    CONST(Py_T_DOUBLE);
    CONST(Py_T_STRING);
    CONST(_Py_T_OBJECT);
    CONST(Py_T_CHAR);
    CONST(Py_T_BYTE);
    CONST(Py_T_UBYTE);
    CONST(Py_T_USHORT);
    CONST(Py_T_UINT);
    CONST(Py_T_ULONG);
    CONST(Py_T_STRING_INPLACE);
    CONST(Py_T_BOOL);
    CONST(Py_T_OBJECT_EX);
    CONST(Py_T_LONGLONG);
    CONST(Py_T_ULONGLONG);
    CONST(Py_T_PYSSIZET);
    CONST(_Py_T_NONE);
    CONST(Py_READONLY);
    CONST(Py_AUDIT_READ);
    CONST(_Py_WRITE_RESTRICTED);
    CONST(Py_RELATIVE_OFFSET);
    printf("const Py_MOD_PER_INTERPRETER_GIL_SUPPORTED = %lld\n", (long long)(intptr_t)Py_MOD_PER_INTERPRETER_GIL_SUPPORTED);
    printf("const Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED = %lld\n", (long long)(intptr_t)Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED);
    printf("const Py_MOD_GIL_NOT_USED = %lld\n", (long long)(intptr_t)Py_MOD_GIL_NOT_USED);
}

/* int and float: C code reads their fields (PyFloat_AS_DOUBLE, _PyLong_IsCompact). */
static void
numbers(void)
{
    STRUCT(PyFloatObject);
    FIELD_NOTYPE(PyFloatObject, ob_base);
    FIELD_NOTYPE(PyFloatObject, ob_fval);
    STRUCT(PyLongObject);
    FIELD_NOTYPE(PyLongObject, ob_base);
    FIELD_NOTYPE(PyLongObject, long_value);
    STRUCT(_PyLongValue);
    FIELD(_PyLongValue, lv_tag);
    FIELD_NOTYPE(_PyLongValue, ob_digit);
    CONST(PyLong_SHIFT);
    CONST(_PyLong_NON_SIZE_BITS);
    CONST(_PyLong_SIGN_MASK);
    CONST(Py_ASNATIVEBYTES_DEFAULTS);
    CONST(Py_ASNATIVEBYTES_BIG_ENDIAN);
    CONST(Py_ASNATIVEBYTES_LITTLE_ENDIAN);
    CONST(Py_ASNATIVEBYTES_NATIVE_ENDIAN);
    CONST(Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    CONST(Py_ASNATIVEBYTES_REJECT_NEGATIVE);
    CONST(Py_ASNATIVEBYTES_ALLOW_INDEX);
}

static void
thread_state(void)
{
    /* The public head of struct _ts; no sizeof (see the top of the file). */
    printf("struct PyThreadState align=%zu\n", _Alignof(PyThreadState));
    FIELD(PyThreadState, prev);
    FIELD(PyThreadState, next);
    FIELD(PyThreadState, interp);
    FIELD(PyThreadState, eval_breaker);
    FIELD_NOTYPE(PyThreadState, _status);
    FIELD(PyThreadState, _whence);
    FIELD(PyThreadState, state);
}

static void
interpreter_config(void)
{
    STRUCT(PyInterpreterConfig);
    FIELD(PyInterpreterConfig, use_main_obmalloc);
    FIELD(PyInterpreterConfig, allow_fork);
    FIELD(PyInterpreterConfig, allow_exec);
    FIELD(PyInterpreterConfig, allow_threads);
    FIELD(PyInterpreterConfig, allow_daemon_threads);
    FIELD(PyInterpreterConfig, check_multi_interp_extensions);
    FIELD(PyInterpreterConfig, gil);
}

static void
status(void)
{
    STRUCT(PyStatus);
    FIELD_NOTYPE(PyStatus, _type);
    FIELD(PyStatus, func);
    FIELD(PyStatus, err_msg);
    FIELD(PyStatus, exitcode);
}

#ifndef LAYOUT_SKIP_PyWideStringList
static void
wide_string_list(void)
{
    STRUCT(PyWideStringList);
    FIELD(PyWideStringList, length);
    FIELD(PyWideStringList, items);
}
#endif

#ifndef LAYOUT_SKIP_PyPreConfig
static void
pre_config(void)
{
    STRUCT(PyPreConfig);
    FIELD(PyPreConfig, _config_init);
    FIELD(PyPreConfig, parse_argv);
    FIELD(PyPreConfig, isolated);
    FIELD(PyPreConfig, use_environment);
    FIELD(PyPreConfig, configure_locale);
    FIELD(PyPreConfig, coerce_c_locale);
    FIELD(PyPreConfig, coerce_c_locale_warn);
    FIELD(PyPreConfig, utf8_mode);
    FIELD(PyPreConfig, dev_mode);
    FIELD(PyPreConfig, allocator);
}
#endif

#ifndef LAYOUT_SKIP_PyConfig
static void
config(void)
{
    STRUCT(PyConfig);
    FIELD(PyConfig, _config_init);
    FIELD(PyConfig, isolated);
    FIELD(PyConfig, use_environment);
    FIELD(PyConfig, dev_mode);
    FIELD(PyConfig, install_signal_handlers);
    FIELD(PyConfig, use_hash_seed);
    FIELD(PyConfig, hash_seed);
    FIELD(PyConfig, faulthandler);
    FIELD(PyConfig, tracemalloc);
    FIELD(PyConfig, perf_profiling);
    FIELD(PyConfig, import_time);
    FIELD(PyConfig, code_debug_ranges);
    FIELD(PyConfig, show_ref_count);
    FIELD(PyConfig, dump_refs);
    FIELD(PyConfig, dump_refs_file);
    FIELD(PyConfig, malloc_stats);
    FIELD(PyConfig, filesystem_encoding);
    FIELD(PyConfig, filesystem_errors);
    FIELD(PyConfig, pycache_prefix);
    FIELD(PyConfig, parse_argv);
    FIELD(PyConfig, orig_argv);
    FIELD(PyConfig, argv);
    FIELD(PyConfig, xoptions);
    FIELD(PyConfig, warnoptions);
    FIELD(PyConfig, site_import);
    FIELD(PyConfig, bytes_warning);
    FIELD(PyConfig, warn_default_encoding);
    FIELD(PyConfig, inspect);
    FIELD(PyConfig, interactive);
    FIELD(PyConfig, optimization_level);
    FIELD(PyConfig, parser_debug);
    FIELD(PyConfig, write_bytecode);
    FIELD(PyConfig, verbose);
    FIELD(PyConfig, quiet);
    FIELD(PyConfig, user_site_directory);
    FIELD(PyConfig, configure_c_stdio);
    FIELD(PyConfig, buffered_stdio);
    FIELD(PyConfig, stdio_encoding);
    FIELD(PyConfig, stdio_errors);
    FIELD(PyConfig, check_hash_pycs_mode);
    FIELD(PyConfig, use_frozen_modules);
    FIELD(PyConfig, safe_path);
    FIELD(PyConfig, int_max_str_digits);
    FIELD(PyConfig, cpu_count);
    FIELD(PyConfig, pathconfig_warnings);
    FIELD(PyConfig, program_name);
    FIELD(PyConfig, pythonpath_env);
    FIELD(PyConfig, home);
    FIELD(PyConfig, platlibdir);
    FIELD(PyConfig, module_search_paths_set);
    FIELD(PyConfig, module_search_paths);
    FIELD(PyConfig, stdlib_dir);
    FIELD(PyConfig, executable);
    FIELD(PyConfig, base_executable);
    FIELD(PyConfig, prefix);
    FIELD(PyConfig, base_prefix);
    FIELD(PyConfig, exec_prefix);
    FIELD(PyConfig, base_exec_prefix);
    FIELD(PyConfig, skip_source_first_line);
    FIELD(PyConfig, run_command);
    FIELD(PyConfig, run_module);
    FIELD(PyConfig, run_filename);
    FIELD(PyConfig, sys_path_0);
    FIELD(PyConfig, _install_importlib);
    FIELD(PyConfig, _init_main);
    FIELD(PyConfig, _is_python_build);
}
#endif

static void
dict_and_set(void)
{
    STRUCT(PyDictObject);
    FIELD_NOTYPE(PyDictObject, ob_base);
    FIELD(PyDictObject, ma_used);
    /* Deprecated in CPython 3.12+ (a warning when named); compared all the same. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    FIELD(PyDictObject, ma_version_tag);
#pragma GCC diagnostic pop
    FIELD(PyDictObject, ma_keys);
    FIELD(PyDictObject, ma_values);
    STRUCT(setentry);
    FIELD(setentry, key);
    FIELD(setentry, hash);
    STRUCT(PySetObject);
    FIELD_NOTYPE(PySetObject, ob_base);
    FIELD(PySetObject, fill);
    FIELD(PySetObject, used);
    FIELD(PySetObject, mask);
    FIELD(PySetObject, table);
    FIELD(PySetObject, hash);
    FIELD(PySetObject, finger);
    FIELD_NOTYPE(PySetObject, smalltable);
    FIELD(PySetObject, weakreflist);
    CONST(PySet_MINSIZE);
}

/* Weak references: PyWeakref_GET_OBJECT reads wr_object; collectors walk the lists. */
static void
weakrefs(void)
{
    STRUCT(PyWeakReference);
    FIELD_NOTYPE(PyWeakReference, ob_base);
    FIELD(PyWeakReference, wr_object);
    FIELD(PyWeakReference, wr_callback);
    FIELD(PyWeakReference, hash);
    FIELD(PyWeakReference, wr_prev);
    FIELD(PyWeakReference, wr_next);
    FIELD_NOTYPE(PyWeakReference, vectorcall);
}

static void
unicode(void)
{
    /* The str heads C code reads (PyUnicode_GET_LENGTH, PyUnicode_IS_ASCII, the hash, the
       characters of an ASCII string after the head). state is a bit-field in both. */
    STRUCT(PyASCIIObject);
    FIELD_NOTYPE(PyASCIIObject, ob_base);
    FIELD(PyASCIIObject, length);
    FIELD(PyASCIIObject, hash);
    printf("field PyASCIIObject.state offset=%zu\n", offsetof(PyASCIIObject, state));
    STRUCT(PyCompactUnicodeObject);
    FIELD_NOTYPE(PyCompactUnicodeObject, _base);
    FIELD(PyCompactUnicodeObject, utf8_length);
    FIELD(PyCompactUnicodeObject, utf8);
    CONST(SSTATE_NOT_INTERNED);
    CONST(SSTATE_INTERNED_MORTAL);
    CONST(SSTATE_INTERNED_IMMORTAL);
    CONST(SSTATE_INTERNED_IMMORTAL_STATIC);
    CONST(PyUnicode_1BYTE_KIND);
}

/* Sequence objects whose fields C code reads (PyTuple_GET_ITEM, PyList_GET_ITEM, slices). */
static void
sequences(void)
{
    STRUCT(PyTupleObject);
    FIELD(PyTupleObject, ob_item);
    STRUCT(PyListObject);
    FIELD(PyListObject, ob_item);
    FIELD(PyListObject, allocated);
    STRUCT(PySliceObject);
    FIELD(PySliceObject, start);
    FIELD(PySliceObject, stop);
    FIELD(PySliceObject, step);
}

/* Bytes-like objects and the buffer protocol (C code reads these through macros). */
static void
buffers(void)
{
    STRUCT(Py_buffer);
    FIELD(Py_buffer, buf);
    FIELD(Py_buffer, obj);
    FIELD(Py_buffer, len);
    FIELD(Py_buffer, itemsize);
    FIELD(Py_buffer, readonly);
    FIELD(Py_buffer, ndim);
    FIELD(Py_buffer, format);
    FIELD(Py_buffer, shape);
    FIELD(Py_buffer, strides);
    FIELD(Py_buffer, suboffsets);
    FIELD(Py_buffer, internal);
    STRUCT(PyBytesObject);
    /* Deprecated since 3.11 (still there in 3.13). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    FIELD(PyBytesObject, ob_shash);
#pragma GCC diagnostic pop
    FIELD_NOTYPE(PyBytesObject, ob_sval);
    STRUCT(PyByteArrayObject);
    FIELD(PyByteArrayObject, ob_alloc);
    FIELD(PyByteArrayObject, ob_bytes);
    FIELD(PyByteArrayObject, ob_start);
    FIELD(PyByteArrayObject, ob_exports);
    STRUCT(_PyManagedBufferObject);
    FIELD(_PyManagedBufferObject, flags);
    FIELD(_PyManagedBufferObject, exports);
    FIELD_NOTYPE(_PyManagedBufferObject, master);
    STRUCT(PyMemoryViewObject);
    FIELD(PyMemoryViewObject, mbuf);
    FIELD(PyMemoryViewObject, hash);
    FIELD(PyMemoryViewObject, flags);
    FIELD(PyMemoryViewObject, exports);
    FIELD_NOTYPE(PyMemoryViewObject, view);
    FIELD(PyMemoryViewObject, weakreflist);
    FIELD_NOTYPE(PyMemoryViewObject, ob_array);

    CONST(PyBUF_MAX_NDIM);
    CONST(PyBUF_SIMPLE);
    CONST(PyBUF_WRITABLE);
    CONST(PyBUF_WRITEABLE);
    CONST(PyBUF_FORMAT);
    CONST(PyBUF_ND);
    CONST(PyBUF_STRIDES);
    CONST(PyBUF_C_CONTIGUOUS);
    CONST(PyBUF_F_CONTIGUOUS);
    CONST(PyBUF_ANY_CONTIGUOUS);
    CONST(PyBUF_INDIRECT);
    CONST(PyBUF_CONTIG);
    CONST(PyBUF_CONTIG_RO);
    CONST(PyBUF_STRIDED);
    CONST(PyBUF_STRIDED_RO);
    CONST(PyBUF_RECORDS);
    CONST(PyBUF_RECORDS_RO);
    CONST(PyBUF_FULL);
    CONST(PyBUF_FULL_RO);
    CONST(PyBUF_READ);
    CONST(PyBUF_WRITE);
    CONST(_Py_MANAGED_BUFFER_RELEASED);
    CONST(_Py_MANAGED_BUFFER_FREE_FORMAT);
    CONST(_Py_MEMORYVIEW_RELEASED);
    CONST(_Py_MEMORYVIEW_C);
    CONST(_Py_MEMORYVIEW_FORTRAN);
    CONST(_Py_MEMORYVIEW_SCALAR);
    CONST(_Py_MEMORYVIEW_PIL);
    CONST(_Py_MEMORYVIEW_RESTRICTED);
}

/* Exception instances (cpython/pyerrors.h). */
static void
exceptions(void)
{
    STRUCT(PyBaseExceptionObject);
    FIELD(PyBaseExceptionObject, dict);
    FIELD(PyBaseExceptionObject, args);
    FIELD(PyBaseExceptionObject, notes);
    FIELD(PyBaseExceptionObject, traceback);
    FIELD(PyBaseExceptionObject, context);
    FIELD(PyBaseExceptionObject, cause);
    FIELD(PyBaseExceptionObject, suppress_context);
    STRUCT(PyBaseExceptionGroupObject);
    FIELD(PyBaseExceptionGroupObject, args);
    FIELD(PyBaseExceptionGroupObject, suppress_context);
    FIELD(PyBaseExceptionGroupObject, msg);
    FIELD(PyBaseExceptionGroupObject, excs);
    STRUCT(PySyntaxErrorObject);
    FIELD(PySyntaxErrorObject, suppress_context);
    FIELD(PySyntaxErrorObject, msg);
    FIELD(PySyntaxErrorObject, filename);
    FIELD(PySyntaxErrorObject, lineno);
    FIELD(PySyntaxErrorObject, offset);
    FIELD(PySyntaxErrorObject, end_lineno);
    FIELD(PySyntaxErrorObject, end_offset);
    FIELD(PySyntaxErrorObject, text);
    FIELD(PySyntaxErrorObject, print_file_and_line);
    STRUCT(PyImportErrorObject);
    FIELD(PyImportErrorObject, suppress_context);
    FIELD(PyImportErrorObject, msg);
    FIELD(PyImportErrorObject, name);
    FIELD(PyImportErrorObject, path);
    FIELD(PyImportErrorObject, name_from);
    STRUCT(PyUnicodeErrorObject);
    FIELD(PyUnicodeErrorObject, suppress_context);
    FIELD(PyUnicodeErrorObject, encoding);
    FIELD(PyUnicodeErrorObject, object);
    FIELD(PyUnicodeErrorObject, start);
    FIELD(PyUnicodeErrorObject, end);
    FIELD(PyUnicodeErrorObject, reason);
    STRUCT(PySystemExitObject);
    FIELD(PySystemExitObject, suppress_context);
    FIELD(PySystemExitObject, code);
    STRUCT(PyOSErrorObject);
    FIELD(PyOSErrorObject, suppress_context);
    FIELD(PyOSErrorObject, myerrno);
    FIELD(PyOSErrorObject, strerror);
    FIELD(PyOSErrorObject, filename);
    FIELD(PyOSErrorObject, filename2);
    FIELD(PyOSErrorObject, written);
    STRUCT(PyStopIterationObject);
    FIELD(PyStopIterationObject, suppress_context);
    FIELD(PyStopIterationObject, value);
    STRUCT(PyNameErrorObject);
    FIELD(PyNameErrorObject, suppress_context);
    FIELD(PyNameErrorObject, name);
    STRUCT(PyAttributeErrorObject);
    FIELD(PyAttributeErrorObject, suppress_context);
    FIELD(PyAttributeErrorObject, obj);
    FIELD(PyAttributeErrorObject, name);
    CONST(Py_PRINT_RAW);
}

int
main(void)
{
    constants();
    unicode();
    numbers();
    thread_state();
    interpreter_config();
    status();
    dict_and_set();
    weakrefs();
    sequences();
    buffers();
    exceptions();
    heap_types_and_modules();
#ifndef LAYOUT_SKIP_PyWideStringList
    wide_string_list();
#endif
#ifndef LAYOUT_SKIP_PyPreConfig
    pre_config();
#endif
#ifndef LAYOUT_SKIP_PyConfig
    config();
#endif
    return 0;
}
