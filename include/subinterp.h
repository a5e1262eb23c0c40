/* subinterp: CPython's C-API for many isolated interpreters, each with its own GIL. */

#ifndef SUBINTERP_H
#define SUBINTERP_H

/* Generated from src/ by build.rs (cbindgen). Do not edit: `make check-header` fails when this file is stale. */

#include "Python.h"
#define SUBINTERP_VERSION_MAJOR 0
#define SUBINTERP_VERSION_MINOR 1
#define SUBINTERP_VERSION_PATCH 0
#define SUBINTERP_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * `bytes`.
 */
extern PyTypeObject PyBytes_Type;

/**
 * The `BaseException` type object.
 */
extern PyTypeObject _PyExc_BaseException;

/**
 * `BaseException`, as C code names it.
 */
extern PyObject *PyExc_BaseException;

/**
 * The `BaseExceptionGroup` type object.
 */
extern PyTypeObject _PyExc_BaseExceptionGroup;

/**
 * `BaseExceptionGroup`, as C code names it.
 */
extern PyObject *PyExc_BaseExceptionGroup;

/**
 * The `GeneratorExit` type object.
 */
extern PyTypeObject _PyExc_GeneratorExit;

/**
 * `GeneratorExit`, as C code names it.
 */
extern PyObject *PyExc_GeneratorExit;

/**
 * The `KeyboardInterrupt` type object.
 */
extern PyTypeObject _PyExc_KeyboardInterrupt;

/**
 * `KeyboardInterrupt`, as C code names it.
 */
extern PyObject *PyExc_KeyboardInterrupt;

/**
 * The `SystemExit` type object.
 */
extern PyTypeObject _PyExc_SystemExit;

/**
 * `SystemExit`, as C code names it.
 */
extern PyObject *PyExc_SystemExit;

/**
 * The `Exception` type object.
 */
extern PyTypeObject _PyExc_Exception;

/**
 * `Exception`, as C code names it.
 */
extern PyObject *PyExc_Exception;

/**
 * The `ArithmeticError` type object.
 */
extern PyTypeObject _PyExc_ArithmeticError;

/**
 * `ArithmeticError`, as C code names it.
 */
extern PyObject *PyExc_ArithmeticError;

/**
 * The `FloatingPointError` type object.
 */
extern PyTypeObject _PyExc_FloatingPointError;

/**
 * `FloatingPointError`, as C code names it.
 */
extern PyObject *PyExc_FloatingPointError;

/**
 * The `OverflowError` type object.
 */
extern PyTypeObject _PyExc_OverflowError;

/**
 * `OverflowError`, as C code names it.
 */
extern PyObject *PyExc_OverflowError;

/**
 * The `ZeroDivisionError` type object.
 */
extern PyTypeObject _PyExc_ZeroDivisionError;

/**
 * `ZeroDivisionError`, as C code names it.
 */
extern PyObject *PyExc_ZeroDivisionError;

/**
 * The `AssertionError` type object.
 */
extern PyTypeObject _PyExc_AssertionError;

/**
 * `AssertionError`, as C code names it.
 */
extern PyObject *PyExc_AssertionError;

/**
 * The `AttributeError` type object.
 */
extern PyTypeObject _PyExc_AttributeError;

/**
 * `AttributeError`, as C code names it.
 */
extern PyObject *PyExc_AttributeError;

/**
 * The `BufferError` type object.
 */
extern PyTypeObject _PyExc_BufferError;

/**
 * `BufferError`, as C code names it.
 */
extern PyObject *PyExc_BufferError;

/**
 * The `EOFError` type object.
 */
extern PyTypeObject _PyExc_EOFError;

/**
 * `EOFError`, as C code names it.
 */
extern PyObject *PyExc_EOFError;

/**
 * The `ImportError` type object.
 */
extern PyTypeObject _PyExc_ImportError;

/**
 * `ImportError`, as C code names it.
 */
extern PyObject *PyExc_ImportError;

/**
 * The `ModuleNotFoundError` type object.
 */
extern PyTypeObject _PyExc_ModuleNotFoundError;

/**
 * `ModuleNotFoundError`, as C code names it.
 */
extern PyObject *PyExc_ModuleNotFoundError;

/**
 * The `LookupError` type object.
 */
extern PyTypeObject _PyExc_LookupError;

/**
 * `LookupError`, as C code names it.
 */
extern PyObject *PyExc_LookupError;

/**
 * The `IndexError` type object.
 */
extern PyTypeObject _PyExc_IndexError;

/**
 * `IndexError`, as C code names it.
 */
extern PyObject *PyExc_IndexError;

/**
 * The `KeyError` type object.
 */
extern PyTypeObject _PyExc_KeyError;

/**
 * `KeyError`, as C code names it.
 */
extern PyObject *PyExc_KeyError;

/**
 * The `MemoryError` type object.
 */
extern PyTypeObject _PyExc_MemoryError;

/**
 * `MemoryError`, as C code names it.
 */
extern PyObject *PyExc_MemoryError;

/**
 * The `NameError` type object.
 */
extern PyTypeObject _PyExc_NameError;

/**
 * `NameError`, as C code names it.
 */
extern PyObject *PyExc_NameError;

/**
 * The `UnboundLocalError` type object.
 */
extern PyTypeObject _PyExc_UnboundLocalError;

/**
 * `UnboundLocalError`, as C code names it.
 */
extern PyObject *PyExc_UnboundLocalError;

/**
 * The `OSError` type object.
 */
extern PyTypeObject _PyExc_OSError;

/**
 * `OSError`, as C code names it.
 */
extern PyObject *PyExc_OSError;

/**
 * The `BlockingIOError` type object.
 */
extern PyTypeObject _PyExc_BlockingIOError;

/**
 * `BlockingIOError`, as C code names it.
 */
extern PyObject *PyExc_BlockingIOError;

/**
 * The `ChildProcessError` type object.
 */
extern PyTypeObject _PyExc_ChildProcessError;

/**
 * `ChildProcessError`, as C code names it.
 */
extern PyObject *PyExc_ChildProcessError;

/**
 * The `ConnectionError` type object.
 */
extern PyTypeObject _PyExc_ConnectionError;

/**
 * `ConnectionError`, as C code names it.
 */
extern PyObject *PyExc_ConnectionError;

/**
 * The `BrokenPipeError` type object.
 */
extern PyTypeObject _PyExc_BrokenPipeError;

/**
 * `BrokenPipeError`, as C code names it.
 */
extern PyObject *PyExc_BrokenPipeError;

/**
 * The `ConnectionAbortedError` type object.
 */
extern PyTypeObject _PyExc_ConnectionAbortedError;

/**
 * `ConnectionAbortedError`, as C code names it.
 */
extern PyObject *PyExc_ConnectionAbortedError;

/**
 * The `ConnectionRefusedError` type object.
 */
extern PyTypeObject _PyExc_ConnectionRefusedError;

/**
 * `ConnectionRefusedError`, as C code names it.
 */
extern PyObject *PyExc_ConnectionRefusedError;

/**
 * The `ConnectionResetError` type object.
 */
extern PyTypeObject _PyExc_ConnectionResetError;

/**
 * `ConnectionResetError`, as C code names it.
 */
extern PyObject *PyExc_ConnectionResetError;

/**
 * The `FileExistsError` type object.
 */
extern PyTypeObject _PyExc_FileExistsError;

/**
 * `FileExistsError`, as C code names it.
 */
extern PyObject *PyExc_FileExistsError;

/**
 * The `FileNotFoundError` type object.
 */
extern PyTypeObject _PyExc_FileNotFoundError;

/**
 * `FileNotFoundError`, as C code names it.
 */
extern PyObject *PyExc_FileNotFoundError;

/**
 * The `InterruptedError` type object.
 */
extern PyTypeObject _PyExc_InterruptedError;

/**
 * `InterruptedError`, as C code names it.
 */
extern PyObject *PyExc_InterruptedError;

/**
 * The `IsADirectoryError` type object.
 */
extern PyTypeObject _PyExc_IsADirectoryError;

/**
 * `IsADirectoryError`, as C code names it.
 */
extern PyObject *PyExc_IsADirectoryError;

/**
 * The `NotADirectoryError` type object.
 */
extern PyTypeObject _PyExc_NotADirectoryError;

/**
 * `NotADirectoryError`, as C code names it.
 */
extern PyObject *PyExc_NotADirectoryError;

/**
 * The `PermissionError` type object.
 */
extern PyTypeObject _PyExc_PermissionError;

/**
 * `PermissionError`, as C code names it.
 */
extern PyObject *PyExc_PermissionError;

/**
 * The `ProcessLookupError` type object.
 */
extern PyTypeObject _PyExc_ProcessLookupError;

/**
 * `ProcessLookupError`, as C code names it.
 */
extern PyObject *PyExc_ProcessLookupError;

/**
 * The `TimeoutError` type object.
 */
extern PyTypeObject _PyExc_TimeoutError;

/**
 * `TimeoutError`, as C code names it.
 */
extern PyObject *PyExc_TimeoutError;

/**
 * The `ReferenceError` type object.
 */
extern PyTypeObject _PyExc_ReferenceError;

/**
 * `ReferenceError`, as C code names it.
 */
extern PyObject *PyExc_ReferenceError;

/**
 * The `RuntimeError` type object.
 */
extern PyTypeObject _PyExc_RuntimeError;

/**
 * `RuntimeError`, as C code names it.
 */
extern PyObject *PyExc_RuntimeError;

/**
 * The `NotImplementedError` type object.
 */
extern PyTypeObject _PyExc_NotImplementedError;

/**
 * `NotImplementedError`, as C code names it.
 */
extern PyObject *PyExc_NotImplementedError;

/**
 * The `PythonFinalizationError` type object.
 */
extern PyTypeObject _PyExc_PythonFinalizationError;

/**
 * `PythonFinalizationError`, as C code names it.
 */
extern PyObject *PyExc_PythonFinalizationError;

/**
 * The `RecursionError` type object.
 */
extern PyTypeObject _PyExc_RecursionError;

/**
 * `RecursionError`, as C code names it.
 */
extern PyObject *PyExc_RecursionError;

/**
 * The `StopAsyncIteration` type object.
 */
extern PyTypeObject _PyExc_StopAsyncIteration;

/**
 * `StopAsyncIteration`, as C code names it.
 */
extern PyObject *PyExc_StopAsyncIteration;

/**
 * The `StopIteration` type object.
 */
extern PyTypeObject _PyExc_StopIteration;

/**
 * `StopIteration`, as C code names it.
 */
extern PyObject *PyExc_StopIteration;

/**
 * The `SyntaxError` type object.
 */
extern PyTypeObject _PyExc_SyntaxError;

/**
 * `SyntaxError`, as C code names it.
 */
extern PyObject *PyExc_SyntaxError;

/**
 * The `IndentationError` type object.
 */
extern PyTypeObject _PyExc_IndentationError;

/**
 * `IndentationError`, as C code names it.
 */
extern PyObject *PyExc_IndentationError;

/**
 * The `TabError` type object.
 */
extern PyTypeObject _PyExc_TabError;

/**
 * `TabError`, as C code names it.
 */
extern PyObject *PyExc_TabError;

/**
 * The `SystemError` type object.
 */
extern PyTypeObject _PyExc_SystemError;

/**
 * `SystemError`, as C code names it.
 */
extern PyObject *PyExc_SystemError;

/**
 * The `TypeError` type object.
 */
extern PyTypeObject _PyExc_TypeError;

/**
 * `TypeError`, as C code names it.
 */
extern PyObject *PyExc_TypeError;

/**
 * The `ValueError` type object.
 */
extern PyTypeObject _PyExc_ValueError;

/**
 * `ValueError`, as C code names it.
 */
extern PyObject *PyExc_ValueError;

/**
 * The `UnicodeError` type object.
 */
extern PyTypeObject _PyExc_UnicodeError;

/**
 * `UnicodeError`, as C code names it.
 */
extern PyObject *PyExc_UnicodeError;

/**
 * The `UnicodeDecodeError` type object.
 */
extern PyTypeObject _PyExc_UnicodeDecodeError;

/**
 * `UnicodeDecodeError`, as C code names it.
 */
extern PyObject *PyExc_UnicodeDecodeError;

/**
 * The `UnicodeEncodeError` type object.
 */
extern PyTypeObject _PyExc_UnicodeEncodeError;

/**
 * `UnicodeEncodeError`, as C code names it.
 */
extern PyObject *PyExc_UnicodeEncodeError;

/**
 * The `UnicodeTranslateError` type object.
 */
extern PyTypeObject _PyExc_UnicodeTranslateError;

/**
 * `UnicodeTranslateError`, as C code names it.
 */
extern PyObject *PyExc_UnicodeTranslateError;

/**
 * The `Warning` type object.
 */
extern PyTypeObject _PyExc_Warning;

/**
 * `Warning`, as C code names it.
 */
extern PyObject *PyExc_Warning;

/**
 * The `BytesWarning` type object.
 */
extern PyTypeObject _PyExc_BytesWarning;

/**
 * `BytesWarning`, as C code names it.
 */
extern PyObject *PyExc_BytesWarning;

/**
 * The `DeprecationWarning` type object.
 */
extern PyTypeObject _PyExc_DeprecationWarning;

/**
 * `DeprecationWarning`, as C code names it.
 */
extern PyObject *PyExc_DeprecationWarning;

/**
 * The `EncodingWarning` type object.
 */
extern PyTypeObject _PyExc_EncodingWarning;

/**
 * `EncodingWarning`, as C code names it.
 */
extern PyObject *PyExc_EncodingWarning;

/**
 * The `FutureWarning` type object.
 */
extern PyTypeObject _PyExc_FutureWarning;

/**
 * `FutureWarning`, as C code names it.
 */
extern PyObject *PyExc_FutureWarning;

/**
 * The `ImportWarning` type object.
 */
extern PyTypeObject _PyExc_ImportWarning;

/**
 * `ImportWarning`, as C code names it.
 */
extern PyObject *PyExc_ImportWarning;

/**
 * The `PendingDeprecationWarning` type object.
 */
extern PyTypeObject _PyExc_PendingDeprecationWarning;

/**
 * `PendingDeprecationWarning`, as C code names it.
 */
extern PyObject *PyExc_PendingDeprecationWarning;

/**
 * The `ResourceWarning` type object.
 */
extern PyTypeObject _PyExc_ResourceWarning;

/**
 * `ResourceWarning`, as C code names it.
 */
extern PyObject *PyExc_ResourceWarning;

/**
 * The `RuntimeWarning` type object.
 */
extern PyTypeObject _PyExc_RuntimeWarning;

/**
 * `RuntimeWarning`, as C code names it.
 */
extern PyObject *PyExc_RuntimeWarning;

/**
 * The `SyntaxWarning` type object.
 */
extern PyTypeObject _PyExc_SyntaxWarning;

/**
 * `SyntaxWarning`, as C code names it.
 */
extern PyObject *PyExc_SyntaxWarning;

/**
 * The `UnicodeWarning` type object.
 */
extern PyTypeObject _PyExc_UnicodeWarning;

/**
 * `UnicodeWarning`, as C code names it.
 */
extern PyObject *PyExc_UnicodeWarning;

/**
 * The `UserWarning` type object.
 */
extern PyTypeObject _PyExc_UserWarning;

/**
 * `UserWarning`, as C code names it.
 */
extern PyObject *PyExc_UserWarning;

/**
 * `EnvironmentError`: another name for `OSError`.
 */
extern PyObject *PyExc_EnvironmentError;

/**
 * `IOError`: another name for `OSError`.
 */
extern PyObject *PyExc_IOError;

/**
 * `float`.
 */
extern PyTypeObject PyFloat_Type;

/**
 * `list`.
 */
extern PyTypeObject PyList_Type;

/**
 * `int`.
 */
extern PyTypeObject PyLong_Type;

/**
 * `bool`: a subclass of `int` with two instances; not subclassable.
 */
extern PyTypeObject PyBool_Type;

/**
 * `False`.
 */
extern PyLongObject _Py_FalseStruct;

/**
 * `True`.
 */
extern PyLongObject _Py_TrueStruct;

/**
 * `None`.
 */
extern PyObject _Py_NoneStruct;

/**
 * `NotImplemented`.
 */
extern PyObject _Py_NotImplementedStruct;

/**
 * `Ellipsis` (`...`).
 */
extern PyObject _Py_EllipsisObject;

/**
 * `type(None)`.
 */
extern PyTypeObject _PyNone_Type;

/**
 * `type(NotImplemented)`.
 */
extern PyTypeObject _PyNotImplemented_Type;

/**
 * `type(...)`.
 */
extern PyTypeObject PyEllipsis_Type;

/**
 * `tuple`.
 */
extern PyTypeObject PyTuple_Type;

/**
 * `type`: the type of every type.
 */
extern PyTypeObject PyType_Type;

/**
 * `object`: the base of every type.
 */
extern PyTypeObject PyBaseObject_Type;

/**
 * `str`.
 */
extern PyTypeObject PyUnicode_Type;

/**
 * Detaches the calling thread's thread state, releasing its interpreter's GIL so other
 * threads of that interpreter (or of interpreters sharing the GIL) can run.
 * `Py_BEGIN_ALLOW_THREADS` expands to this.
 *
 * Returns: the detached thread state (borrowed); give it back to `PyEval_RestoreThread`.
 * Errors: fatal if no thread state is attached (CPython 3.12's message; 3.13 crashes).
 */
PyThreadState *PyEval_SaveThread(void);

/**
 * Attaches `tstate` to the calling thread, waiting for its interpreter's GIL.
 * `Py_END_ALLOW_THREADS` expands to this. While the runtime is finalizing, a thread other
 * than the finalizing one is parked for good (CPython 3.14's behaviour).
 *
 * Errors: fatal, with CPython 3.13's messages, if `tstate` is NULL or a thread state is
 * already attached to this thread (where 3.12 deadlocks); also fatal if `tstate` is not a
 * live thread state or is attached to another thread.
 */
void PyEval_RestoreThread(PyThreadState *tstate);

/**
 * Same as `PyEval_RestoreThread` (the caller must not have an attached thread state).
 *
 * Errors: as `PyEval_RestoreThread`.
 */
void PyEval_AcquireThread(PyThreadState *tstate);

/**
 * Detaches `tstate`, which must be the calling thread's attached thread state.
 *
 * Errors: fatal `PyEval_ReleaseThread: wrong thread state` if it is not (CPython 3.12's
 * check; 3.13 detaches whatever is attached), and CPython's "GIL is released" message if
 * nothing is attached.
 */
void PyEval_ReleaseThread(PyThreadState *tstate);

/**
 * Does nothing (threads are always initialized; deprecated since CPython 3.9).
 */
void PyEval_InitThreads(void);

/**
 * Returns: 1 (threads are always initialized; deprecated since CPython 3.9).
 */
int PyEval_ThreadsInitialized(void);

/**
 * Queues `func(arg)` to run in the main interpreter's main thread, at its next
 * `Py_MakePendingCalls` (or during finalization). Any thread may call it, with or without
 * an attached thread state. Use `Subinterp_AddPendingCall` for another interpreter.
 *
 * Returns: 0 if queued.
 * Errors: -1 if `func` is NULL, the runtime is not initialized, or 32 calls are already
 * queued (CPython 3.13's capacity).
 */
int Py_AddPendingCall(int (*func)(void*), void *arg);

/**
 * A safe point for the calling thread: hands the GIL over if another thread asked for it
 * (a drop request after a whole switch interval of waiting), then runs the calls queued
 * for the current interpreter, oldest first. For the main interpreter they run only in
 * its main thread (CPython's rule: elsewhere this returns 0 and leaves them queued); for
 * a subinterpreter, in any of its threads. Calls never run re-entrantly.
 *
 * Returns: 0 when the queue was run (or nothing was due).
 * Errors: -1 if a call returned non-zero (the later ones stay queued), or if no thread
 * state is attached.
 */
int Py_MakePendingCalls(void);

/**
 * Queues `func(arg)` to run in `interp`, at the next `Py_MakePendingCalls` of one of its
 * threads (for the main interpreter: its main thread), or when it ends. Any thread may
 * call it, with or without an attached thread state.
 *
 * Returns: `SUBINTERP_OK` if queued.
 * Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`,
 * `SUBINTERP_ERR_QUEUE_FULL` (32 queued for main, 300 for a subinterpreter).
 */
SubinterpResult Subinterp_AddPendingCall(PyInterpreterState *interp, int (*func)(void*), void *arg);

/**
 * Sets the switch interval of `interp`'s GIL (CPython's `sys.setswitchinterval`, which is
 * per GIL): how long a waiting thread sleeps before asking the holder to hand over. An
 * own-GIL interpreter has its own setting; shared-GIL interpreters share main's.
 *
 * Returns: `SUBINTERP_OK`.
 * Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`,
 * `SUBINTERP_ERR_INVALID_VALUE` if `microseconds` is 0.
 */
SubinterpResult Subinterp_SetSwitchInterval(PyInterpreterState *interp, uint64_t microseconds);

/**
 * Reads the switch interval of `interp`'s GIL into `*out_microseconds` (default 5000).
 *
 * Returns: `SUBINTERP_OK`.
 * Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`; the output
 * is written only on success.
 */
SubinterpResult Subinterp_GetSwitchInterval(PyInterpreterState *interp, uint64_t *out_microseconds);

/**
 * Whether `interp`'s GIL is held right now, and how often it has been taken, for tests
 * and monitoring. Either output may be NULL.
 *
 * Returns: `SUBINTERP_OK`.
 * Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_INTERPRETER`.
 */
SubinterpResult Subinterp_GetGilState(PyInterpreterState *interp,
                                      int *out_locked,
                                      uint64_t *out_switches);

/**
 * Returns: 1 if the GIL of the calling thread's interpreter has a pending drop request for
 * this thread (another thread waited a whole switch interval), else 0.
 */
int Subinterp_DropRequested(void);

/**
 * Adds a reference to `op` (the function form of `Py_XINCREF`; stable-ABI extensions call
 * it). NULL is fine; immortal objects are left alone (PEP 683).
 */
void Py_IncRef(PyObject *op);

/**
 * Drops a reference to `op` (the function form of `Py_XDECREF`), deallocating it when none
 * is left. NULL is fine.
 */
void Py_DecRef(PyObject *op);

/**
 * `Py_INCREF` as a function (what the limited API's inline functions call).
 */
void _Py_IncRef(PyObject *op);

/**
 * `Py_DECREF` as a function (what the limited API's inline functions call).
 */
void _Py_DecRef(PyObject *op);

/**
 * Deallocates an object whose reference count reached zero (what `Py_DECREF` calls):
 * runs its type's `tp_dealloc`.
 */
void _Py_Dealloc(PyObject *op);

/**
 * Returns: 1 if `op` is immortal (PEP 683: its reference count is never changed), else 0.
 */
int PyUnstable_IsImmortal(PyObject *op);

/**
 * Returns: 1 if `x` and `y` are the same object (`x is y`), else 0.
 */
int Py_Is(PyObject *x, PyObject *y);

/**
 * Returns: 1 if `x` is `None`, else 0.
 */
int Py_IsNone(PyObject *x);

/**
 * Returns: 1 if `x` is `True`, else 0.
 */
int Py_IsTrue(PyObject *x);

/**
 * Returns: 1 if `x` is `False`, else 0.
 */
int Py_IsFalse(PyObject *x);

/**
 * `repr(op)`.
 *
 * Returns: a new reference to a `str`.
 * Errors: NULL with an exception set (what `__repr__` raised, or `TypeError` if it
 * returned a non-string). A NULL `op` gives the string `<NULL>`, as CPython.
 */
PyObject *PyObject_Repr(PyObject *op);

/**
 * `str(op)`.
 *
 * Returns: a new reference to a `str`.
 * Errors: NULL with an exception set. A NULL `op` gives `<NULL>`, as CPython.
 */
PyObject *PyObject_Str(PyObject *op);

/**
 * Returns: 1 if `op` is an instance of `tp` or of a subtype of it, else 0 (the function
 * form of `PyObject_TypeCheck`). NULL arguments give 0.
 */
int _PyObject_TypeCheck(PyObject *op, PyTypeObject *tp);

/**
 * Returns: a new reference to the `int` `v` (-5..=256 are shared immortal objects).
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromLong(long v);

/**
 * Returns: a new reference to the `int` `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromUnsignedLong(unsigned long v);

/**
 * Returns: a new reference to the `int` `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromLongLong(long long v);

/**
 * Returns: a new reference to the `int` `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromUnsignedLongLong(unsigned long long v);

/**
 * Returns: a new reference to the `int` `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromSsize_t(Py_ssize_t v);

/**
 * Returns: a new reference to the `int` `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromSize_t(size_t v);

/**
 * Returns: a new reference to the `int` of `v` truncated toward zero.
 * Errors: NULL with `ValueError` ("cannot convert float NaN to integer") for a NaN,
 * `OverflowError` ("cannot convert float infinity to integer") for an infinity.
 */
PyObject *PyLong_FromDouble(double v);

/**
 * Returns: a new reference to the `int` the address `p` is, as an unsigned number.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyLong_FromVoidPtr(void *p);

/**
 * Parses the C string `str` as an int literal in `base` (2..=36, or 0: the prefix
 * `0x`/`0o`/`0b` decides, else decimal): leading and trailing ASCII whitespace, a sign,
 * a prefix matching the base, single underscores between digits. The whole string must be
 * the literal.
 *
 * If `pend` is not NULL, `*pend` is set to where parsing stopped: the terminating NUL on
 * success, the offending character on a syntax error. It is left unchanged for a bad
 * base and for too many digits.
 *
 * Returns: a new reference.
 * Errors: NULL with `ValueError`: "invalid literal for int() with base B: '...'", "int()
 * arg 2 must be >= 2 and <= 36", or the `sys.int_max_str_digits` text (4300 digits);
 * `SystemError` for a NULL `str`.
 */
PyObject *PyLong_FromString(const char *str, char **pend, int base);

/**
 * Parses the str `u` as an int literal in `base`, as `int(u, base)`: Unicode decimal
 * digits and whitespace are accepted.
 *
 * Returns: a new reference.
 * Errors: NULL with `ValueError` ("invalid literal for int() with base B: <repr(u)>", the
 * base as given), the base and digit-limit errors of [`PyLong_FromString`]; `SystemError`
 * if `u` is NULL or not a str.
 */
PyObject *PyLong_FromUnicodeObject(PyObject *u, int base);

/**
 * Returns: the value of `op` (an int, or anything with `__index__`) as a C `long`.
 * Errors: -1 with `OverflowError` ("Python int too large to convert to C long"),
 * `TypeError` ("'T' object cannot be interpreted as an integer") for an object without
 * `__index__`, `SystemError` for NULL. Check `PyErr_Occurred()` to tell -1 from an error.
 */
long PyLong_AsLong(PyObject *op);

/**
 * Returns: the value of `op` (an int, or anything with `__index__`) as a C `long`; on
 * overflow -1 with `*overflow` set to 1 (too large) or -1 (too small) and no exception.
 * `*overflow` is 0 otherwise.
 * Errors: -1 with `*overflow` 0 and the exception of [`PyLong_AsLong`] for a non-int;
 * `SystemError` for a NULL `op` or `overflow` (CPython crashes on the latter).
 */
long PyLong_AsLongAndOverflow(PyObject *op, int *overflow);

/**
 * Returns: the value of `op` (an int, or anything with `__index__`) as a C `long long`.
 * Errors: -1 with `OverflowError` ("int too big to convert"), the `TypeError` of
 * [`PyLong_AsLong`], `SystemError` for NULL.
 */
long long PyLong_AsLongLong(PyObject *op);

/**
 * Returns: as [`PyLong_AsLongAndOverflow`], for a C `long long`.
 * Errors: as [`PyLong_AsLongAndOverflow`].
 */
long long PyLong_AsLongLongAndOverflow(PyObject *op, int *overflow);

/**
 * Returns: the value of `op` (an int, or anything with `__index__`) as a C `int`.
 * Errors: -1 with `OverflowError` ("Python int too large to convert to C int"), the
 * `TypeError` of [`PyLong_AsLong`], `SystemError` for NULL.
 */
int PyLong_AsInt(PyObject *op);

/**
 * Returns: the value of the int `op` as a `Py_ssize_t` (no `__index__`).
 * Errors: -1 with `OverflowError` ("Python int too large to convert to C ssize_t"),
 * `TypeError` ("an integer is required") for a non-int, `SystemError` for NULL.
 */
Py_ssize_t PyLong_AsSsize_t(PyObject *op);

/**
 * Returns: the value of the int `op` as a `size_t` (no `__index__`).
 * Errors: `(size_t)-1` with `OverflowError` ("can't convert negative value to size_t",
 * "Python int too large to convert to C size_t"), `TypeError` ("an integer is required"),
 * `SystemError` for NULL.
 */
size_t PyLong_AsSize_t(PyObject *op);

/**
 * Returns: the value of the int `op` as an `unsigned long` (no `__index__`).
 * Errors: `(unsigned long)-1` with `OverflowError` ("can't convert negative value to
 * unsigned int", "Python int too large to convert to C unsigned long"), `TypeError` ("an
 * integer is required"), `SystemError` for NULL.
 */
unsigned long PyLong_AsUnsignedLong(PyObject *op);

/**
 * Returns: the value of the int `op` as an `unsigned long long` (no `__index__`).
 * Errors: `(unsigned long long)-1` with `OverflowError` ("can't convert negative int to
 * unsigned", "int too big to convert"), `TypeError` ("an integer is required"),
 * `SystemError` for NULL.
 */
unsigned long long PyLong_AsUnsignedLongLong(PyObject *op);

/**
 * Returns: the low bits of `op` (an int, or anything with `__index__`) in two's
 * complement, as an `unsigned long`: never an overflow.
 * Errors: `(unsigned long)-1` with the `TypeError` of [`PyLong_AsLong`], `SystemError`
 * for NULL.
 */
unsigned long PyLong_AsUnsignedLongMask(PyObject *op);

/**
 * Returns: as [`PyLong_AsUnsignedLongMask`], as an `unsigned long long`.
 * Errors: as [`PyLong_AsUnsignedLongMask`].
 */
unsigned long long PyLong_AsUnsignedLongLongMask(PyObject *op);

/**
 * Returns: the int `op` as the nearest double (ties to even; no `__index__`).
 * Errors: -1.0 with `OverflowError` ("int too large to convert to float"), `TypeError`
 * ("an integer is required"), `SystemError` for NULL.
 */
double PyLong_AsDouble(PyObject *op);

/**
 * Returns: the pointer the int `op` holds (made by [`PyLong_FromVoidPtr`]; negative values
 * are accepted as C would convert them).
 * Errors: NULL with the `OverflowError` or `TypeError` of `PyLong_AsUnsignedLong` /
 * `PyLong_AsLong`, `SystemError` for NULL.
 */
void *PyLong_AsVoidPtr(PyObject *op);

/**
 * Copies the int `v` into `buffer` as a native integer of `n_bytes` bytes. `flags`: -1
 * (`Py_ASNATIVEBYTES_DEFAULTS`: native endianness, C-like truncation, ints only) or the
 * bits `Py_ASNATIVEBYTES_LITTLE_ENDIAN` (1) / `NATIVE_ENDIAN` (3), `UNSIGNED_BUFFER` (4: a
 * positive value with the top bit set fits), `REJECT_NEGATIVE` (8), `ALLOW_INDEX` (16:
 * call `__index__`). All `n_bytes` are written unless there is an error; `n_bytes` 0
 * asks for the size only (`buffer` may then be NULL).
 *
 * Returns: the number of bytes needed for the value; it fits if that is `<= n_bytes`.
 * The count may exceed the minimum (as CPython's).
 * Errors: -1 with `TypeError` ("expect int, got T"), `ValueError` ("Cannot convert
 * negative int"), `SystemError` for a NULL `v`, a negative `n_bytes` or a NULL `buffer`
 * with `n_bytes > 0`.
 */
Py_ssize_t PyLong_AsNativeBytes(PyObject *v, void *buffer, Py_ssize_t n_bytes, int flags);

/**
 * Returns: a new reference to the int stored in the `n_bytes` bytes at `buffer`, signed
 * (two's complement) unless `flags` has `Py_ASNATIVEBYTES_UNSIGNED_BUFFER`; endianness as
 * for [`PyLong_AsNativeBytes`]. Zero bytes give 0.
 * Errors: NULL with `SystemError` for a NULL `buffer`, `MemoryError`.
 */
PyObject *PyLong_FromNativeBytes(const void *buffer, size_t n_bytes, int flags);

/**
 * Returns: as [`PyLong_FromNativeBytes`], always reading the bytes as unsigned.
 * Errors: as [`PyLong_FromNativeBytes`].
 */
PyObject *PyLong_FromUnsignedNativeBytes(const void *buffer, size_t n_bytes, int flags);

/**
 * `_PyLong_FromByteArray`: the int the `n` bytes spell, least significant first if
 * `little_endian`, two's complement if `is_signed`.
 * Returns: a new reference.
 * Errors: NULL with `MemoryError`, `SystemError` for NULL `bytes` with `n > 0`.
 */
PyObject *_PyLong_FromByteArray(const unsigned char *bytes,
                                size_t n,
                                int little_endian,
                                int is_signed);

/**
 * `_PyLong_AsByteArray` (3.13 signature): writes the low `n` bytes of the int `v` (two's
 * complement if `is_signed`) into `bytes`.
 * Returns: 0, or -1 if `v` is negative and `!is_signed` (bytes untouched) or does not fit
 * (the low bytes are written all the same).
 * Errors: with `with_exceptions`, `OverflowError` ("can't convert negative int to
 * unsigned", "int too big to convert"); `SystemError` for NULL or a non-int `v`.
 */
int _PyLong_AsByteArray(PyLongObject *v,
                        unsigned char *bytes,
                        size_t n,
                        int little_endian,
                        int is_signed,
                        int with_exceptions);

/**
 * Returns: the number of bits of `|v|` for the int `v` (0 for 0).
 * Errors: `(size_t)-1` with `SystemError` for NULL or a non-int.
 */
size_t _PyLong_NumBits(PyObject *v);

/**
 * Returns: -1, 0 or 1, the sign of the int `v`.
 * Errors: none for an int; -1 with `SystemError` for NULL or a non-int (CPython asserts).
 */
int _PyLong_Sign(PyObject *v);

/**
 * Returns: 1 if the int `op` has at most one digit (its value is then
 * [`PyUnstable_Long_CompactValue`]), else 0. (Also an inline function in the header.)
 * Errors: none; `op` must be an int.
 */
int PyUnstable_Long_IsCompact(const PyLongObject *op);

/**
 * Returns: the value of the compact int `op`.
 * Errors: none; `op` must be a compact int.
 */
Py_ssize_t PyUnstable_Long_CompactValue(const PyLongObject *op);

/**
 * Returns: `True` if `v` is non-zero, else `False` (immortal; the reference may be
 * treated as new).
 */
PyObject *PyBool_FromLong(long v);

/**
 * Returns: a new reference to a float of value `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyFloat_FromDouble(double v);

/**
 * Returns: the value of `op` as a C double: a float's value, else `op.__float__()`
 * (`nb_float`), else `op.__index__()` converted (ints take the `nb_float` path).
 * Errors: -1.0 with `TypeError` ("must be real number, not T", "T.__float__ returned
 * non-float (type U)"), `OverflowError` ("int too large to convert to float"), or what
 * `__float__` raised; `TypeError` ("bad argument type for built-in operation") for NULL,
 * as CPython. Check `PyErr_Occurred()` to tell -1.0 from an error.
 */
double PyFloat_AsDouble(PyObject *op);

/**
 * Returns: a new reference to the float the str or bytes `op` spells (`float(op)` for
 * text: surrounding whitespace, underscores between digits, `inf`/`nan`, Unicode digits
 * in a str).
 * Errors: NULL with `ValueError` ("could not convert string to float: <repr>"),
 * `TypeError` ("float() argument must be a string or a real number, not 'T'") for other
 * types, `SystemError` for NULL.
 */
PyObject *PyFloat_FromString(PyObject *op);

/**
 * Returns: `DBL_MAX`, the largest finite float.
 */
double PyFloat_GetMax(void);

/**
 * Returns: `DBL_MIN`, the smallest positive normalized float.
 */
double PyFloat_GetMin(void);

/**
 * Allocates `size` bytes from the calling thread's interpreter (16-byte aligned). Every
 * interpreter has its own allocator, released wholesale when the interpreter ends; with no
 * thread state attached the block comes from `malloc` (CPython crashes there).
 *
 * Returns: the block (free it with `PyObject_Free`); `size` 0 gives a unique pointer.
 * Errors: NULL when out of memory (no exception is set).
 */
void *PyObject_Malloc(size_t size);

/**
 * Like `PyObject_Malloc` for `nelem * elsize` bytes, zeroed.
 *
 * Returns: the block. Errors: NULL when out of memory or if the size overflows.
 */
void *PyObject_Calloc(size_t nelem, size_t elsize);

/**
 * Resizes a block from `PyObject_Malloc` (NULL allocates), keeping its contents.
 *
 * Returns: the block, possibly moved.
 * Errors: NULL when out of memory; the old block is then left as it was.
 */
void *PyObject_Realloc(void *p, size_t size);

/**
 * Frees a block from `PyObject_Malloc`/`Calloc`/`Realloc`. NULL is fine.
 */
void PyObject_Free(void *p);

/**
 * Sets up the head of freshly allocated memory as an object of type `tp` with one
 * reference (a heap type gains a reference from it).
 *
 * Returns: `op` (borrowed: it is the caller's memory).
 * Errors: NULL with `SystemError` if `op` or `tp` is NULL.
 */
PyObject *PyObject_Init(PyObject *op, PyTypeObject *tp);

/**
 * `PyObject_Init` for a variable-size object, also setting `ob_size`.
 *
 * Returns: `op` (borrowed). Errors: NULL with `SystemError` if `op` or `tp` is NULL.
 */
PyVarObject *PyObject_InitVar(PyVarObject *op, PyTypeObject *tp, Py_ssize_t size);

/**
 * Allocates an uninitialized instance of `tp` (`tp_basicsize` bytes) with its head set up
 * (what the `PyObject_New` macro calls). Free it with `PyObject_Free` (`PyObject_Del`).
 *
 * Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
 */
PyObject *_PyObject_New(PyTypeObject *tp);

/**
 * Allocates an uninitialized variable-size instance of `tp` with room for `nitems` items
 * (what the `PyObject_NewVar` macro calls).
 *
 * Returns: a new reference. Errors: NULL with `MemoryError` (also when the size overflows),
 * or `SystemError` for NULL.
 */
PyVarObject *_PyObject_NewVar(PyTypeObject *tp, Py_ssize_t nitems);

/**
 * Raises `exc_type` with the message `message` (UTF-8).
 *
 * Errors: a NULL or non-exception `exc_type` raises `SystemError` instead.
 */
void PyErr_SetString(PyObject *exc_type, const char *message);

/**
 * Raises `exc_type` with `value` (borrowed): `value` itself if it is an instance of the
 * type, else the type called with it (a tuple gives the arguments, NULL none). The
 * exception being handled, if any, becomes the new one's `__context__`.
 *
 * Errors: a NULL or non-exception `exc_type` raises `SystemError` instead.
 */
void PyErr_SetObject(PyObject *exc_type, PyObject *value);

/**
 * Raises `exc_type` with no arguments.
 */
void PyErr_SetNone(PyObject *exc_type);

/**
 * Returns: the type of the current exception (borrowed), or NULL if none is set (or no
 * thread state is attached).
 */
PyObject *PyErr_Occurred(void);

/**
 * Clears the current exception.
 */
void PyErr_Clear(void);

/**
 * Takes the current exception, leaving none.
 *
 * Returns: a new reference to the exception instance, or NULL if none was set.
 */
PyObject *PyErr_GetRaisedException(void);

/**
 * Makes `exc` the current exception (stealing the reference); NULL clears.
 */
void PyErr_SetRaisedException(PyObject *exc);

/**
 * Takes the current exception as (type, value, traceback), each a new reference or NULL
 * (CPython 3.12+ keeps exceptions normalized, so `value` is the instance).
 */
void PyErr_Fetch(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback);

/**
 * Sets the current exception from (type, value, traceback), stealing all three; a NULL
 * type clears. A value that is not an instance of the type is normalized (the type called
 * with it).
 */
void PyErr_Restore(PyObject *ptype, PyObject *value, PyObject *traceback);

/**
 * Returns: 1 if the current exception is an instance of `exc` (a class or a tuple of
 * classes), else 0.
 */
int PyErr_ExceptionMatches(PyObject *exc);

/**
 * Returns: 1 if `given` (an exception class or instance) matches `exc` (a class or a
 * tuple of classes, searched recursively), else 0; NULL arguments give 0.
 */
int PyErr_GivenExceptionMatches(PyObject *given, PyObject *exc);

/**
 * Raises `MemoryError`.
 *
 * Returns: NULL, always (so a function can `return PyErr_NoMemory();`).
 */
PyObject *PyErr_NoMemory(void);

/**
 * Raises `TypeError("bad argument type for built-in operation")`.
 *
 * Returns: 0, always.
 */
int PyErr_BadArgument(void);

/**
 * Raises `SystemError("bad argument to internal function")`: a C caller broke a
 * precondition.
 */
void PyErr_BadInternalCall(void);

/**
 * Returns: the exception being handled (`sys.exception()`), a new reference, or NULL.
 */
PyObject *PyErr_GetHandledException(void);

/**
 * Sets the exception being handled (borrowed); NULL or `None` clears.
 */
void PyErr_SetHandledException(PyObject *exc);

/**
 * A tuple of `size` items, each NULL until set with `PyTuple_SetItem` or
 * `PyTuple_SET_ITEM` (the empty tuple is a shared, immortal object).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` for a negative size, `MemoryError` when out of memory.
 */
PyObject *PyTuple_New(Py_ssize_t size);

/**
 * Returns: the number of items of a tuple.
 * Errors: -1 with `SystemError` if `op` is NULL or not a tuple.
 */
Py_ssize_t PyTuple_Size(PyObject *op);

/**
 * Returns: item `index` of a tuple (borrowed).
 * Errors: NULL with `IndexError("tuple index out of range")`, or `SystemError` if `op` is
 * not a tuple.
 */
PyObject *PyTuple_GetItem(PyObject *op, Py_ssize_t index);

/**
 * Stores `item` at `index`, stealing the reference (also on error) and dropping what was
 * there. Only for tuples being filled, which nobody else has seen yet.
 *
 * Returns: 0. Errors: -1 with `IndexError("tuple assignment index out of range")`, or
 * `SystemError` if `op` is not a tuple or is shared (its reference count is not 1).
 */
int PyTuple_SetItem(PyObject *op, Py_ssize_t index, PyObject *item);

/**
 * Decodes the NUL-terminated UTF-8 `s` into a `str`.
 *
 * Returns: a new reference.
 * Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for NULL.
 */
PyObject *PyUnicode_FromString(const char *s);

/**
 * Decodes `size` bytes of UTF-8 at `s` into a `str` (NUL bytes included).
 *
 * Returns: a new reference.
 * Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for a negative
 * size or a NULL `s` with a non-zero size.
 */
PyObject *PyUnicode_FromStringAndSize(const char *s, Py_ssize_t size);

/**
 * The UTF-8 form of a `str`, and its length in bytes in `*size` (if `size` is not NULL).
 *
 * Returns: a pointer into the string (valid as long as it lives; do not modify).
 * Errors: NULL with `TypeError` if `op` is not a `str`, `SystemError` for NULL.
 */
const char *PyUnicode_AsUTF8AndSize(PyObject *op, Py_ssize_t *size);

/**
 * The NUL-terminated UTF-8 form of a `str`.
 *
 * Returns: a pointer into the string (valid as long as it lives; do not modify).
 * Errors: NULL with an exception set, as `PyUnicode_AsUTF8AndSize`.
 */
const char *PyUnicode_AsUTF8(PyObject *op);

/**
 * Returns: the length of a `str` in code points.
 * Errors: -1 with `TypeError` if `op` is not a `str`, `SystemError` for NULL.
 */
Py_ssize_t PyUnicode_GetLength(PyObject *op);

/**
 * Readies a static type: fills in what it inherits from its base (`object` by default),
 * builds `__bases__` and `__mro__`, and marks it ready. Safe to call again. A static type
 * readied here is shared by every interpreter; what it gets is immortal.
 *
 * Returns: 0. Errors: -1 with an exception set (`SystemError` for NULL).
 */
int PyType_Ready(PyTypeObject *tp);

/**
 * Returns: 1 if `a` is `b` or a subtype of it, else 0 (also for NULL arguments).
 */
int PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b);

/**
 * The default `tp_alloc`: a zeroed instance of `tp` with room for `nitems` items (one more
 * for variable-size types, as CPython), its head set up.
 *
 * Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
 */
PyObject *PyType_GenericAlloc(PyTypeObject *tp, Py_ssize_t nitems);

/**
 * A generic `tp_new`: allocates with the type's `tp_alloc`, ignoring the arguments.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyType_GenericNew(PyTypeObject *tp, PyObject *_args, PyObject *_kwds);

/**
 * Returns: the type's `tp_flags` (0 for NULL).
 */
unsigned long PyType_GetFlags(PyTypeObject *tp);

/**
 * `type.__name__`: for a static type, `tp_name` after its last dot.
 *
 * Returns: a new reference to a `str`. Errors: NULL with an exception set.
 */
PyObject *PyType_GetName(PyTypeObject *tp);

/**
 * `type.__qualname__`: for a static type, its name (static types are not nested).
 *
 * Returns: a new reference to a `str`. Errors: NULL with an exception set.
 */
PyObject *PyType_GetQualName(PyTypeObject *tp);

/**
 * Decodes the NUL-terminated bytes `arg`: UTF-8, undecodable bytes as U+DC80+byte.
 * Works before initialization.
 *
 * Returns: a new wide string; if `size` is not NULL, `*size` is its length in `wchar_t`s.
 * Errors: NULL with `*size = (size_t)-1` when memory runs out, and, where CPython would
 * crash, NULL with `*size = (size_t)-2` (its "cannot decode" value) for a NULL `arg`.
 * Ownership: the caller frees the result with `PyMem_RawFree`.
 */
wchar_t *Py_DecodeLocale(const char *arg, size_t *size);

/**
 * Encodes the wide string `text` as UTF-8, turning U+DC80..U+DCFF back into the bytes
 * they carry. Works before initialization.
 *
 * Returns: a new NUL-terminated byte string; if `error_pos` is not NULL, `*error_pos` is
 * `(size_t)-1`.
 * Errors: NULL with `*error_pos` = the index of the first character that cannot be
 * encoded (another surrogate, or a value above U+10FFFF); NULL with `(size_t)-1` when
 * memory runs out or, where CPython would crash, for a NULL `text`.
 * Ownership: the caller frees the result with `PyMem_Free` in CPython; here
 * `PyMem_RawFree` (both are `free` in subinterp).
 */
char *Py_EncodeLocale(const wchar_t *text, size_t *error_pos);

/**
 * Returns: a success status.
 */
PyStatus PyStatus_Ok(void);

/**
 * Returns: an error status carrying `err_msg` (not copied: it must outlive the status;
 * use a string literal) and no function name, as CPython's.
 */
PyStatus PyStatus_Error(const char *err_msg);

/**
 * Returns: the error status `memory allocation failed`.
 */
PyStatus PyStatus_NoMemory(void);

/**
 * Returns: a status asking to exit the process with `exitcode`.
 */
PyStatus PyStatus_Exit(int exitcode);

/**
 * Returns: 1 if `err` is an error status, else 0.
 */
int PyStatus_IsError(PyStatus err);

/**
 * Returns: 1 if `err` is an exit status, else 0.
 */
int PyStatus_IsExit(PyStatus err);

/**
 * Returns: 1 if `err` is an error or exit status (something `Py_ExitStatusException`
 * must handle), else 0.
 */
int PyStatus_Exception(PyStatus err);

/**
 * Inserts a copy of `item` into `list` at `index`; an index past the end appends.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: `PyWideStringList_Insert index must be >= 0` for a negative index and
 * `memory allocation failed` (both with the function name `PyWideStringList_Insert`, as in
 * CPython); where CPython would crash: `list must not be NULL`, `item must not be NULL`,
 * `list has a negative length or NULL items`. The list is unchanged on error.
 * Ownership: the list owns its copy; its memory comes from `PyMem_RawMalloc` (`malloc`),
 * so `PyMem_RawFree` or `PyConfig_Clear` (for a config's list) frees it.
 */
PyStatus PyWideStringList_Insert(PyWideStringList *list, Py_ssize_t index, const wchar_t *item);

/**
 * Appends a copy of `item` to `list` (`PyWideStringList_Insert` at its length).
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: as `PyWideStringList_Insert` (whose name the statuses carry, as in CPython),
 * with `PyWideStringList_Append` naming a NULL or malformed argument.
 * Ownership: as `PyWideStringList_Insert`.
 */
PyStatus PyWideStringList_Append(PyWideStringList *list, const wchar_t *item);

/**
 * Fills `config` with the Python pre-configuration: parse arguments, use the environment,
 * set `LC_CTYPE` to the user's locale, decide the UTF-8 mode from the locale.
 *
 * Errors: none; a NULL `config` is ignored (CPython crashes).
 */
void PyPreConfig_InitPythonConfig(PyPreConfig *config);

/**
 * Fills `config` with the isolated pre-configuration: no argument parsing, no
 * environment, locale untouched, UTF-8 mode off.
 *
 * Errors: none; a NULL `config` is ignored (CPython crashes).
 */
void PyPreConfig_InitIsolatedConfig(PyPreConfig *config);

/**
 * Pre-initializes the runtime from `src_config`. Does nothing if already pre-initialized
 * (also after `Py_Initialize`), as in CPython.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors (CPython's texts): `preinitialization config is NULL`; `Unknown PYTHONMALLOC
 * allocator` (`allocator` out of range); `PYTHONMALLOC: unknown allocator`; `invalid
 * PYTHONUTF8 environment variable value`.
 * Ownership: `src_config` is only read.
 */
PyStatus Py_PreInitialize(const PyPreConfig *src_config);

/**
 * Pre-initializes from `src_config`, scanning the bytes arguments (decoded as
 * `Py_DecodeLocale` does) for `-E`, `-I` and `-X` options when `parse_argv` is set.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: as `Py_PreInitialize`; `memory allocation failed` for a negative `argc` (as
 * CPython); `invalid -X utf8 option value`; where CPython would crash: `argv must not be
 * NULL`, `argv contains a NULL item`.
 * Ownership: the arguments are only read.
 */
PyStatus Py_PreInitializeFromBytesArgs(const PyPreConfig *src_config, Py_ssize_t argc, char **argv);

/**
 * Pre-initializes from `src_config`, scanning the wide arguments for `-E`, `-I` and `-X`
 * options when `parse_argv` is set.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: as `Py_PreInitializeFromBytesArgs`.
 * Ownership: the arguments are only read.
 */
PyStatus Py_PreInitializeFromArgs(const PyPreConfig *src_config, Py_ssize_t argc, wchar_t **argv);

/**
 * Fills `config` with the Python configuration (CPython 3.13's defaults: environment
 * used, arguments parsed, signal handlers installed, `site` imported, ...). The previous
 * contents are overwritten, not freed.
 *
 * Errors: none; a NULL `config` is ignored (CPython crashes).
 * Ownership: free what later calls store in it with `PyConfig_Clear`.
 */
void PyConfig_InitPythonConfig(PyConfig *config);

/**
 * Fills `config` with the isolated configuration: no environment, no argument parsing,
 * no user site directory, no signal handlers, `safe_path` on. The previous contents are
 * overwritten, not freed.
 *
 * Errors: none; a NULL `config` is ignored (CPython crashes).
 * Ownership: free what later calls store in it with `PyConfig_Clear`.
 */
void PyConfig_InitIsolatedConfig(PyConfig *config);

/**
 * Frees the strings and lists of `config` and sets them to NULL/empty (and
 * `module_search_paths_set` to 0); other fields keep their values. Calling it twice is
 * fine.
 *
 * Errors: none; a NULL `config` is ignored (CPython crashes).
 * Ownership: the strings must come from the `PyConfig_*` functions or `PyMem_RawMalloc`.
 */
void PyConfig_Clear(PyConfig *config);

/**
 * Replaces `*config_str` (a string field of `config`) with a copy of `str` (NULL sets it
 * to NULL), pre-initializing the runtime from `config` first if needed.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: pre-initialization errors; `memory allocation failed`; where CPython would
 * crash: `config must not be NULL`, `config_str must not be NULL`.
 * Ownership: `config` owns the copy; the old string is freed.
 */
PyStatus PyConfig_SetString(PyConfig *config, wchar_t **config_str, const wchar_t *str);

/**
 * Decodes `str` as `Py_DecodeLocale` does (UTF-8, undecodable bytes as lone surrogates)
 * and stores the result in `*config_str`, as `PyConfig_SetString`.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: as `PyConfig_SetString` (with this function's name).
 * Ownership: as `PyConfig_SetString`.
 */
PyStatus PyConfig_SetBytesString(PyConfig *config, wchar_t **config_str, const char *str);

/**
 * Sets `config->argv` to copies of the bytes arguments, decoded as `Py_DecodeLocale`
 * does, pre-initializing the runtime from `config` and these arguments first if needed.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: `memory allocation failed` for a negative `argc` (as CPython); pre-initialization
 * errors; where CPython would crash: `config must not be NULL`, `argv must not be NULL`,
 * `argv contains a NULL item`.
 * Ownership: `config` owns the copies; the previous `argv` is freed.
 */
PyStatus PyConfig_SetBytesArgv(PyConfig *config, Py_ssize_t argc, char *const *argv);

/**
 * Sets `config->argv` to copies of the wide arguments, as `PyConfig_SetBytesArgv`.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: as `PyConfig_SetBytesArgv`.
 * Ownership: as `PyConfig_SetBytesArgv`.
 */
PyStatus PyConfig_SetArgv(PyConfig *config, Py_ssize_t argc, wchar_t *const *argv);

/**
 * Sets `*list` (a list field of `config`) to copies of `length` strings from `items`,
 * pre-initializing the runtime from `config` first if needed.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: `memory allocation failed` for a negative `length` (as CPython); pre-initialization
 * errors; where CPython would crash: `config must not be NULL`, `list must not be NULL`,
 * `items must not be NULL`, `items contains a NULL item`.
 * Ownership: `config` owns the copies; the previous list is freed; `items` stays the
 * caller's.
 */
PyStatus PyConfig_SetWideStringList(PyConfig *config,
                                    PyWideStringList *list,
                                    Py_ssize_t length,
                                    wchar_t **items);

/**
 * Completes `config` as CPython 3.13 does: parses `argv` when `parse_argv` is 1 (then
 * sets it to 2, so a second read does not parse again), reads the environment when
 * `use_environment`, applies `isolated` (no environment, no user site directory,
 * `safe_path`), `-X` options and defaults. The path configuration (`module_search_paths`,
 * `executable`, `prefix`, ...) is not computed here but by `Py_InitializeFromConfig`, as
 * in CPython since 3.11.
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: an exit status for command-line errors (status 2, after CPython's messages and
 * usage on stderr) and for `-h`/`-V` (status 0, after the text on stdout); CPython's error
 * statuses for malformed environment variables and `-X` values (e.g.
 * `config_init_hash_seed`: `PYTHONHASHSEED must be "random" or an integer in range
 * [0; 4294967295]`); where CPython would crash: `config must not be NULL` and lists with
 * NULL items. On error `config` keeps what was read before it, as in CPython.
 * Ownership: strings and lists stored in `config` are freed by `PyConfig_Clear`.
 */
PyStatus PyConfig_Read(PyConfig *config);

/**
 * Initializes the runtime from `config`, which is read first as `PyConfig_Read` does
 * (on a copy: `config` itself is not changed), then the path configuration is computed:
 * see `Py_GetPath`. Honoured: `isolated`, `use_environment`, `install_signal_handlers`,
 * `argv`/`parse_argv`/`orig_argv` (`Py_GetArgcArgv`), `program_name`, `home`,
 * `executable`, `prefix`/`exec_prefix`, `module_search_paths(_set)` (where extension
 * modules are looked for, followed by `SUBINTERP_PATH` when `use_environment`); other
 * fields are kept as read. If the runtime is already initialized, nothing changes (CPython
 * would apply part of the new configuration).
 *
 * Returns: `PyStatus_Ok()`.
 * Errors: `initialization config is NULL` (CPython's text); every `PyConfig_Read` error
 * (an exit status for a command-line error: pass it to `Py_ExitStatusException`); `error
 * getting getpath results` (no function name) after CPython's report on stderr for an
 * invalid `_config_init`, a negative `bytes_warning`, `optimization_level` or `verbose`,
 * or a `hash_seed` above 4294967295.
 * Ownership: `config` stays the caller's; free it with `PyConfig_Clear` whenever.
 */
PyStatus Py_InitializeFromConfig(const PyConfig *config);

/**
 * Gives the command line the runtime was initialized with (`PyConfig.orig_argv`).
 *
 * Returns: through `argc` and `argv` (NULL-terminated); 0 and NULL before initialization,
 * after finalization, or when `orig_argv` is empty. A NULL out-pointer is skipped.
 * Ownership: the array and strings belong to the runtime and stay valid until
 * finalization (CPython keeps them longer).
 */
void Py_GetArgcArgv(int *argc, wchar_t ***argv);

/**
 * Returns: `PyConfig.program_name`, or its default: `orig_argv[0]`, else `python3`.
 * Errors: NULL when the runtime is not initialized.
 * Ownership: borrowed from the runtime until finalization; do not free or modify.
 */
wchar_t *Py_GetProgramName(void);

/**
 * Returns: `PyConfig.home`, or NULL if it was not set.
 * Errors: NULL when the runtime is not initialized.
 * Ownership: borrowed from the runtime until finalization; do not free or modify.
 */
wchar_t *Py_GetPythonHome(void);

/**
 * Returns: the module search path (`PyConfig.module_search_paths`, as set or computed at
 * initialization), its entries joined with `:`; `SUBINTERP_PATH` is searched after it but
 * not listed.
 * Errors: NULL when the runtime is not initialized.
 * Ownership: borrowed from the runtime until finalization; do not free or modify.
 */
wchar_t *Py_GetPath(void);

/**
 * Returns: `PyConfig.executable`: as set, else `program_name` made absolute if it contains
 * a `/`, else found on `PATH`, else an empty string (as in CPython).
 * Errors: NULL when the runtime is not initialized.
 * Ownership: borrowed from the runtime until finalization; do not free or modify.
 */
wchar_t *Py_GetProgramFullPath(void);

/**
 * Returns: `PyConfig.prefix`: as set, else from `home` (`PREFIX[:EXEC_PREFIX]`), else the
 * directory above the one holding `libsubinterp.so`.
 * Errors: NULL when the runtime is not initialized.
 * Ownership: borrowed from the runtime until finalization; do not free or modify.
 */
wchar_t *Py_GetPrefix(void);

/**
 * Returns: `PyConfig.exec_prefix`, found as `Py_GetPrefix` finds the prefix.
 * Errors: NULL when the runtime is not initialized.
 * Ownership: borrowed from the runtime until finalization; do not free or modify.
 */
wchar_t *Py_GetExecPrefix(void);

/**
 * Initializes the runtime with signal handlers installed; same as `Py_InitializeEx(1)`.
 *
 * Creates the main interpreter (ID 0) and attaches its first thread state to the calling
 * thread, which becomes the main thread. Does nothing if already initialized.
 *
 * Errors: a failure is fatal (`Py_ExitStatusException`), as in CPython.
 */
void Py_Initialize(void);

/**
 * Initializes the runtime; `initsigs == 0` skips installing signal handlers
 * (`PyConfig.install_signal_handlers`).
 *
 * Errors: a failure is fatal (`Py_ExitStatusException`), as in CPython.
 */
void Py_InitializeEx(int initsigs);

/**
 * Returns: 1 between initialization and the start of finalization, else 0.
 */
int Py_IsInitialized(void);

/**
 * Returns: 1 from the start of `Py_FinalizeEx` until the runtime is initialized again
 * (CPython 3.13 reports 1 after finalization too), else 0.
 */
int Py_IsFinalizing(void);

/**
 * Finalizes the runtime, in CPython 3.13's order: waits for PEP 788 guards, runs the main
 * interpreter's pending calls, marks the runtime finalizing, ends every lingering
 * subinterpreter newest first (their pending calls and atexit callbacks run; 3.12 aborts
 * here instead), runs the main interpreter's atexit callbacks, deletes every thread
 * state, then runs the `Py_AtExit` functions. Threads that try to attach while this runs
 * are parked for good (CPython 3.14's behaviour). `Py_IsFinalizing()` stays 1 until the
 * runtime is initialized again; IDs then start again at 0.
 *
 * Any thread may call it. It runs on the calling thread's main-interpreter thread state:
 * the attached one, else the one last attached on this thread, else a new one (a
 * subinterpreter's attached thread state is detached and goes with its interpreter).
 *
 * Returns: 0 (also when not initialized, and on a nested call from a callback).
 */
int Py_FinalizeEx(void);

/**
 * `Py_FinalizeEx` with the result ignored.
 */
void Py_Finalize(void);

/**
 * Creates an interpreter with `_PyInterpreterConfig_LEGACY_INIT` (shared GIL).
 *
 * The calling thread's thread state, if any, is detached; the new interpreter's first
 * thread state is attached and returned. Restore the old one with `PyThreadState_Swap`.
 *
 * Returns: the new thread state (owned by the runtime; end it with `Py_EndInterpreter`).
 * Errors: a failure is fatal (`Py_ExitStatusException`), as in CPython.
 */
PyThreadState *Py_NewInterpreter(void);

/**
 * Creates an interpreter from `config` (PEP 684). Every field is honoured: `gil`
 * (`OWN` gives it a GIL of its own, so it runs in parallel with the others; `SHARED` and
 * `DEFAULT` use the main interpreter's), and the feature flags, which
 * `_PyInterpreterState_HasFeature` and `Subinterp_GetInterpreterConfig` report.
 *
 * The calling thread's thread state, if any, is detached (also on success, as in
 * CPython). On success `*tstate_p` is the new interpreter's first thread state, attached
 * to the calling thread. No thread state needs to be attached to call this.
 *
 * Returns: `PyStatus_Ok()` on success.
 * Errors (a status with CPython's texts; `*tstate_p` is set to NULL and the caller's thread
 * state is attached again): `Py_Initialize must be called first`; `per-interpreter obmalloc
 * does not support single-phase init extension modules` (`use_main_obmalloc == 0` without
 * `check_multi_interp_extensions`); `invalid interpreter config 'gil' value`; and, where
 * CPython would crash, `tstate_p must not be NULL` / `config must not be NULL`.
 * Ownership: the thread state belongs to the runtime; end it with `Py_EndInterpreter`.
 */
PyStatus Py_NewInterpreterFromConfig(PyThreadState **tstate_p, const PyInterpreterConfig *config);

/**
 * Ends the interpreter of `tstate`, which must be the calling thread's attached thread
 * state and its interpreter's only one. Waits for PEP 788 guards on it (with its GIL
 * released; a guard the calling thread itself holds therefore waits for ever, as PEP 788
 * specifies), runs its pending calls, checks it is the last thread, runs its atexit
 * callbacks in registration order, then deletes it. On return no thread state is
 * attached; use `PyThreadState_Swap` to attach another.
 *
 * Errors: as in CPython, broken preconditions are fatal (`Py_FatalError`):
 * `Py_EndInterpreter: thread is not current`, `Py_EndInterpreter: not the last thread`;
 * and, where CPython crashes or misbehaves, `NULL thread state`, `cannot end the main
 * interpreter; use Py_FinalizeEx()`, `the interpreter is already being ended` (a call from
 * its own callbacks). `Subinterp_EndInterpreter` reports these instead.
 */
void Py_EndInterpreter(PyThreadState *tstate);

/**
 * Like `Py_EndInterpreter`, but never aborts: every precondition is checked before
 * anything changes, and a failure leaves the interpreter as it was.
 *
 * Returns: `SUBINTERP_OK`, after which no thread state is attached.
 * Errors: `SUBINTERP_ERR_NULL_ARGUMENT`, `SUBINTERP_ERR_INVALID_THREAD_STATE`,
 * `SUBINTERP_ERR_NOT_CURRENT` (not the calling thread's attached thread state),
 * `SUBINTERP_ERR_MAIN_INTERPRETER`, `SUBINTERP_ERR_OTHER_THREADS` (other thread states
 * exist in the interpreter), `SUBINTERP_ERR_GUARDS_HELD` (PEP 788 guards are open),
 * `SUBINTERP_ERR_FINALIZING` (it is already being ended, e.g. a call from its own pending
 * calls or atexit callbacks, or the runtime is finalizing).
 */
SubinterpResult Subinterp_EndInterpreter(PyThreadState *tstate);

/**
 * Prints `Fatal Python error: MESSAGE` (with the runtime state) to stderr and aborts.
 * `Python.h` turns `Py_FatalError(msg)` into `_Py_FatalErrorFunc(__func__, msg)`, as
 * CPython's does; this symbol serves code that takes its address.
 *
 * Returns: never.
 */
void Py_FatalError(const char *message) Py_NO_RETURN;

/**
 * Prints `Fatal Python error: FUNC: MESSAGE` to stderr and aborts.
 *
 * Returns: never.
 */
void _Py_FatalErrorFunc(const char *func, const char *message) Py_NO_RETURN;

/**
 * Ends the process for a failed status: `exit(exitcode)` for an exit status; for an error
 * status, CPython's fatal-error report (prefixed with `status.func` if set) then `exit(1)`.
 *
 * Returns: never. Calling it with a success status is itself a fatal error, as in CPython.
 */
void Py_ExitStatusException(PyStatus status) Py_NO_RETURN;

/**
 * Registers `func` to run after finalization (newest first), at most 32 of them.
 * May be called before `Py_Initialize`.
 *
 * Returns: 0 on success, -1 if `func` is NULL or 32 are already registered.
 */
int Py_AtExit(void (*func)(void));

/**
 * Registers `func(data)` to run when `interp` ends (`Py_EndInterpreter`, or finalization
 * for the main and lingering interpreters), in registration order, with a thread state of
 * `interp` attached. (CPython 3.13 runs only the first and the last registered, through a
 * bug in its list; here all run.)
 *
 * Returns: 0 on success.
 * Errors: -1 if `interp` is not a live interpreter or `func` is NULL.
 * Ownership: `data` stays the caller's; the callback is responsible for it.
 */
int PyUnstable_AtExit(PyInterpreterState *interp, void (*func)(void*), void *data);

/**
 * CPython 3.12's name for `PyUnstable_AtExit`.
 *
 * Returns: 0 on success. Errors: -1 as `PyUnstable_AtExit`.
 */
int _Py_AtExit(PyInterpreterState *interp, void (*func)(void*), void *data);

/**
 * Allocates `size` bytes (at least one, so 0 gives a unique non-NULL pointer, as in
 * CPython).
 *
 * Returns: the memory, uninitialized.
 * Errors: NULL if `size` exceeds `PY_SSIZE_T_MAX` or memory runs out.
 * Ownership: free it with `PyMem_RawFree`.
 */
void *PyMem_RawMalloc(size_t size);

/**
 * Allocates `nelem * elsize` zeroed bytes (one byte if either is 0).
 *
 * Returns: the zeroed memory.
 * Errors: NULL if the size overflows `PY_SSIZE_T_MAX` or memory runs out.
 * Ownership: free it with `PyMem_RawFree`.
 */
void *PyMem_RawCalloc(size_t nelem, size_t elsize);

/**
 * Resizes `ptr` (NULL: allocates) to `size` bytes (at least one).
 *
 * Returns: the possibly moved memory; contents kept up to the smaller size.
 * Errors: NULL if `size` exceeds `PY_SSIZE_T_MAX` or memory runs out; `ptr` is then
 * still valid.
 * Ownership: `ptr` must come from `PyMem_Raw*`; free the result with `PyMem_RawFree`.
 */
void *PyMem_RawRealloc(void *ptr, size_t size);

/**
 * Frees memory from `PyMem_RawMalloc`/`Calloc`/`Realloc` (and the strings the
 * configuration functions and `Py_DecodeLocale` return). NULL is fine.
 *
 * Ownership: `ptr` must not be used again.
 */
void PyMem_RawFree(void *ptr);

/**
 * Allocates `size` bytes from the calling thread's interpreter's allocator (CPython's
 * `PyMem_Malloc`, which needs an attached thread state; without one we fall back to
 * `malloc`). Free with `PyMem_Free`.
 *
 * Returns: the block (16-byte aligned); `size` 0 gives a unique pointer.
 * Errors: NULL when out of memory or `size` exceeds `PY_SSIZE_T_MAX` (no exception set).
 */
void *PyMem_Malloc(size_t size);

/**
 * Like `PyMem_Malloc` for `nelem * elsize` bytes, zeroed.
 *
 * Returns: the block. Errors: NULL when out of memory or if the size overflows.
 */
void *PyMem_Calloc(size_t nelem, size_t elsize);

/**
 * Resizes a block from `PyMem_Malloc` (NULL allocates), keeping its contents.
 *
 * Returns: the block, possibly moved.
 * Errors: NULL when out of memory; the old block is then left as it was.
 */
void *PyMem_Realloc(void *ptr, size_t size);

/**
 * Frees a block from `PyMem_Malloc`/`Calloc`/`Realloc`. NULL is fine.
 */
void PyMem_Free(void *ptr);

/**
 * Creates a bare interpreter (its own GIL, legacy feature flags) with no thread state.
 * No thread state needs to be attached.
 *
 * Returns: the interpreter (owned by the runtime; delete it with
 * `PyInterpreterState_Clear` + `PyInterpreterState_Delete`).
 * Errors: NULL if the runtime is not initialized.
 */
PyInterpreterState *PyInterpreterState_New(void);

/**
 * Resets an interpreter: drops its queued pending calls and atexit callbacks and clears
 * its thread states. Does nothing if `interp` is not a live interpreter.
 */
void PyInterpreterState_Clear(PyInterpreterState *interp);

/**
 * Deletes an interpreter and its remaining (unused) thread states. A thread state of it
 * attached to the calling thread is detached first, as in CPython. Does nothing if
 * `interp` is not a live interpreter.
 *
 * Errors (fatal, where CPython would corrupt memory): the main interpreter (use
 * `Py_FinalizeEx`), a thread state of it attached on another thread
 * (`remaining threads`), open PEP 788 guards.
 */
void PyInterpreterState_Delete(PyInterpreterState *interp);

/**
 * Returns: the interpreter of the attached thread state (borrowed; never NULL).
 * Errors: fatal if no thread state is attached, with CPython's message.
 */
PyInterpreterState *PyInterpreterState_Get(void);

/**
 * Returns: the main interpreter (borrowed), or NULL if the runtime is not initialized.
 * No thread state needs to be attached.
 */
PyInterpreterState *PyInterpreterState_Main(void);

/**
 * Returns: the interpreter's ID: 0 for main, then increasing, never reused while the
 * runtime lives.
 * Errors: -1 if `interp` is NULL or not a live interpreter.
 */
int64_t PyInterpreterState_GetID(PyInterpreterState *interp);

/**
 * Returns: the newest live interpreter (borrowed), or NULL.
 */
PyInterpreterState *PyInterpreterState_Head(void);

/**
 * Returns: the next older live interpreter (borrowed), or NULL at the end of the list or
 * if `interp` is not a live interpreter.
 */
PyInterpreterState *PyInterpreterState_Next(PyInterpreterState *interp);

/**
 * Returns: the newest thread state of `interp` (borrowed), or NULL if it has none or
 * `interp` is not a live interpreter. Follow with `PyThreadState_Next`.
 */
PyThreadState *PyInterpreterState_ThreadHead(PyInterpreterState *interp);

/**
 * CPython 3.12's feature-flag query (`Py_RTFLAGS_*`).
 *
 * Returns: 1 if every bit of `feature` is set for `interp`, else 0 (also for a pointer
 * that is not a live interpreter).
 */
int _PyInterpreterState_HasFeature(PyInterpreterState *interp, unsigned long feature);

/**
 * Creates a thread state for `interp`, not attached. It is bound to the calling thread
 * for `PyGILState_*` if that thread has none. No thread state needs to be attached.
 *
 * Returns: the new thread state (owned by the runtime until `PyThreadState_Delete`).
 * Errors: NULL if `interp` is not a live interpreter or is being finalized.
 */
PyThreadState *PyThreadState_New(PyInterpreterState *interp);

/**
 * Resets a thread state's bookkeeping. Does nothing for an invalid pointer.
 */
void PyThreadState_Clear(PyThreadState *tstate);

/**
 * Deletes a thread state that is not attached. Does nothing for an invalid pointer.
 *
 * Errors: fatal `PyThreadState_Delete: tstate %p is still current` if it is the calling
 * thread's attached thread state (CPython's message), and, where CPython would corrupt
 * memory, `tstate %p is still attached to another thread`.
 */
void PyThreadState_Delete(PyThreadState *tstate);

/**
 * Detaches and deletes the calling thread's attached thread state.
 *
 * Errors: fatal if no thread state is attached (CPython's message).
 */
void PyThreadState_DeleteCurrent(void);

/**
 * Returns: the attached thread state (borrowed).
 * Errors: fatal if none is attached, with CPython's message.
 */
PyThreadState *PyThreadState_Get(void);

/**
 * Returns: the attached thread state (borrowed), or NULL.
 */
PyThreadState *PyThreadState_GetUnchecked(void);

/**
 * CPython 3.5–3.12's name for `PyThreadState_GetUnchecked`.
 *
 * Returns: the attached thread state (borrowed), or NULL.
 */
PyThreadState *_PyThreadState_UncheckedGet(void);

/**
 * Detaches the calling thread's thread state (releasing its GIL) and attaches `tstate`
 * (taking its interpreter's GIL, waiting if needed); NULL only detaches. Swapping to a
 * thread state of an own-GIL interpreter therefore switches GILs. During finalization a
 * thread other than the finalizing one is parked for good (CPython 3.14's behaviour).
 *
 * Returns: the previously attached thread state (borrowed), or NULL.
 * Errors: fatal if `tstate` is not a live thread state or is attached to another thread.
 */
PyThreadState *PyThreadState_Swap(PyThreadState *tstate);

/**
 * Returns: the interpreter of `tstate` (borrowed), or NULL for an invalid pointer.
 */
PyInterpreterState *PyThreadState_GetInterpreter(PyThreadState *tstate);

/**
 * Returns: the thread state's ID, unique within its interpreter (from 1, as CPython's).
 * Errors: 0 for an invalid pointer.
 */
uint64_t PyThreadState_GetID(PyThreadState *tstate);

/**
 * Returns: the next older thread state of the same interpreter (borrowed), or NULL.
 */
PyThreadState *PyThreadState_Next(PyThreadState *tstate);

/**
 * Makes sure the calling thread has an attached thread state, from any thread (one Python
 * never saw included). If one is attached, it is used. Otherwise the thread state most
 * recently attached on this thread is re-attached, or a new one of the main interpreter
 * is made (deleted again by the matching release). Calls nest.
 *
 * During or after finalization the thread is parked for good (CPython 3.14; prefer
 * `PyThreadState_EnsureFromView`, which fails instead).
 *
 * Returns: `PyGILState_LOCKED` if a thread state was already attached, else
 * `PyGILState_UNLOCKED`; pass it to the matching `PyGILState_Release`.
 * Errors: fatal if the runtime was never initialized.
 */
PyGILState_STATE PyGILState_Ensure(void);

/**
 * Undoes the matching `PyGILState_Ensure`: at the outermost level the thread state it
 * made is deleted; with `PyGILState_UNLOCKED` the thread is detached.
 *
 * Errors: fatal, with CPython's messages, if this thread has no attached thread state.
 */
void PyGILState_Release(PyGILState_STATE oldstate);

/**
 * Returns: the attached thread state, else the one most recently attached on this thread
 * if it still exists, else NULL (borrowed).
 */
PyThreadState *PyGILState_GetThisThreadState(void);

/**
 * Returns: 1 if the calling thread has an attached thread state, else 0. (CPython returns
 * 1 unconditionally once any subinterpreter was created; this answer stays exact.)
 */
int PyGILState_Check(void);

/**
 * Takes a guard on the current interpreter: it cannot start finalizing until the guard is
 * closed. Needs an attached thread state.
 *
 * Returns: a new guard; close it with `PyInterpreterGuard_Close`.
 * Errors: NULL if no thread state is attached or finalization of the interpreter was
 * already requested.
 */
PyInterpreterGuard *PyInterpreterGuard_FromCurrent(void);

/**
 * Takes a guard on the interpreter `view` refers to. No thread state needs to be attached.
 *
 * Returns: a new guard; close it with `PyInterpreterGuard_Close`.
 * Errors: NULL (no exception) if `view` is NULL, or the interpreter is gone or finalizing.
 */
PyInterpreterGuard *PyInterpreterGuard_FromView(PyInterpreterView *view);

/**
 * Closes a guard, letting the interpreter finalize once no guard remains. NULL is fine;
 * closing the same guard twice is not. Cannot fail; needs no thread state.
 */
void PyInterpreterGuard_Close(PyInterpreterGuard *guard_);

/**
 * Returns: the guarded interpreter (borrowed; valid while the guard is open), or NULL.
 */
PyInterpreterState *PyInterpreterGuard_GetInterpreter(PyInterpreterGuard *guard_);

/**
 * Makes a view of the current interpreter: a reference that stays safe to use after the
 * interpreter is gone. Needs an attached thread state.
 *
 * Returns: a new view; close it with `PyInterpreterView_Close`.
 * Errors: NULL if no thread state is attached.
 */
PyInterpreterView *PyInterpreterView_FromCurrent(void);

/**
 * Makes a view of the main interpreter. Needs no thread state.
 *
 * Returns: a new view; close it with `PyInterpreterView_Close`.
 * Errors: NULL if the runtime is not initialized.
 */
PyInterpreterView *PyInterpreterView_FromMain(void);

/**
 * Closes (frees) a view. NULL is fine. Cannot fail; needs no thread state.
 */
void PyInterpreterView_Close(PyInterpreterView *view);

/**
 * Makes sure the calling thread has an attached thread state of the guarded interpreter,
 * from any thread: the attached one if it matches (nesting counted), else the one last
 * attached on this thread if it matches, else a new one (deleted by the matching release).
 * A thread state of another interpreter attached here is detached until the release.
 *
 * Returns: a token for `PyThreadState_Release` (not a thread state).
 * Errors: NULL, no exception, if `guard` is NULL; do not call `PyThreadState_Release` then.
 */
PyThreadStateToken *PyThreadState_Ensure(PyInterpreterGuard *guard_);

/**
 * `PyThreadState_Ensure` for the interpreter `view` refers to; the interpreter stays
 * guarded until the matching release. Never blocks on a finalizing interpreter.
 *
 * Returns: a token for `PyThreadState_Release`.
 * Errors: NULL, no exception, if `view` is NULL or the interpreter is gone or finalizing.
 */
PyThreadStateToken *PyThreadState_EnsureFromView(PyInterpreterView *view);

/**
 * Undoes the matching `PyThreadState_Ensure*`: the thread state it made is deleted at the
 * outermost level, and the thread state attached before (if any) is attached again.
 *
 * Errors: fatal if no thread state is attached or the nesting count goes below zero.
 */
void PyThreadState_Release(PyThreadStateToken *token);

/**
 * Returns: a static, NUL-terminated English description of `code` (never NULL; unknown
 * codes get "unknown error code").
 */
const char *Subinterp_ErrorMessage(SubinterpResult code);

/**
 * Writes counters of what the runtime holds into `*out` (for leak checks: after
 * `Py_FinalizeEx`, `live_interpreters` and `live_thread_states` are 0).
 *
 * Returns: `SUBINTERP_OK`. Errors: `SUBINTERP_ERR_NULL_ARGUMENT`.
 */
SubinterpResult Subinterp_GetStats(SubinterpStats *out);

/**
 * Writes the configuration `interp` was created with into `*out`, `gil` resolved to
 * `PyInterpreterConfig_OWN_GIL` or `PyInterpreterConfig_SHARED_GIL`. The main
 * interpreter reports the legacy settings with its own GIL.
 *
 * Returns: `SUBINTERP_OK`. Errors: `SUBINTERP_ERR_NULL_ARGUMENT`,
 * `SUBINTERP_ERR_INVALID_INTERPRETER`; `*out` is written only on success.
 */
SubinterpResult Subinterp_GetInterpreterConfig(PyInterpreterState *interp,
                                               PyInterpreterConfig *out);

/**
 * Returns: 1 if `interp` points to a live interpreter, else 0 (never dereferences it).
 */
int Subinterp_InterpreterIsAlive(PyInterpreterState *interp);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* SUBINTERP_H */
