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
 * `method`: a callable bound to an instance.
 */
extern PyTypeObject PyMethod_Type;

/**
 * `instancemethod`: binds the callable it wraps like a Python function does.
 */
extern PyTypeObject PyInstanceMethod_Type;

/**
 * `bytearray`.
 */
extern PyTypeObject PyByteArray_Type;

/**
 * `bytearray_iterator`.
 */
extern PyTypeObject PyByteArrayIter_Type;

/**
 * `bytes`.
 */
extern PyTypeObject PyBytes_Type;

/**
 * `bytes_iterator`.
 */
extern PyTypeObject PyBytesIter_Type;

/**
 * `PyCapsule`.
 */
extern PyTypeObject PyCapsule_Type;

/**
 * `method-wrapper`.
 */
extern PyTypeObject _PyMethodWrapper_Type;

/**
 * `classmethod`.
 */
extern PyTypeObject PyClassMethod_Type;

/**
 * `staticmethod`.
 */
extern PyTypeObject PyStaticMethod_Type;

/**
 * `mappingproxy`: the read-only view of a type's dict.
 */
extern PyTypeObject PyDictProxy_Type;

/**
 * `dict_keyiterator`.
 */
extern PyTypeObject PyDictIterKey_Type;

/**
 * `dict_valueiterator`.
 */
extern PyTypeObject PyDictIterValue_Type;

/**
 * `dict_itemiterator`.
 */
extern PyTypeObject PyDictIterItem_Type;

/**
 * `dict`. Unhashable: `tp_hash` stays empty, which `abstract_::hash` reports as
 * `TypeError: unhashable type: 'dict'`.
 */
extern PyTypeObject PyDict_Type;

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
 * The `ExceptionGroup` type object: derives from `BaseExceptionGroup` (its layout) and
 * `Exception` (CPython makes it a heap type per interpreter; a static type with two bases
 * serves every interpreter here). Its `tp_bases` is set at initialization.
 */
extern PyTypeObject _PyExc_ExceptionGroup;

/**
 * `ExceptionGroup`, as C code names it (subinterp's: CPython 3.13 exports no such symbol).
 */
extern PyObject *PyExc_ExceptionGroup;

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
 * `tuple_iterator`.
 */
extern PyTypeObject PyTupleIter_Type;

/**
 * `list_iterator`.
 */
extern PyTypeObject PyListIter_Type;

/**
 * `iterator`: iterates any object with `sq_item` (`PySeqIter_New`).
 */
extern PyTypeObject PySeqIter_Type;

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
 * `memory_iterator`.
 */
extern PyTypeObject _PyMemoryIter_Type;

/**
 * `managedbuffer`.
 */
extern PyTypeObject _PyManagedBuffer_Type;

/**
 * `memoryview`.
 */
extern PyTypeObject PyMemoryView_Type;

/**
 * `builtin_function_or_method`.
 */
extern PyTypeObject PyCFunction_Type;

/**
 * `builtin_method`: a `METH_METHOD` function, which also gets its defining class. Every
 * slot is spelled out (rather than inherited) so the type works before and after
 * `PyType_Ready` alike.
 */
extern PyTypeObject PyCMethod_Type;

/**
 * `module`.
 */
extern PyTypeObject PyModule_Type;

/**
 * `moduledef`: the type `PyModuleDef_Init` gives a definition. Definitions are static C
 * data: they are never freed.
 */
extern PyTypeObject PyModuleDef_Type;

/**
 * `range`.
 */
extern PyTypeObject PyRange_Type;

/**
 * `range_iterator`.
 */
extern PyTypeObject PyRangeIter_Type;

/**
 * `longrange_iterator`.
 */
extern PyTypeObject PyLongRangeIter_Type;

/**
 * `set`. Unhashable: `tp_hash` stays empty.
 */
extern PyTypeObject PySet_Type;

/**
 * `frozenset`.
 */
extern PyTypeObject PyFrozenSet_Type;

/**
 * `set_iterator`.
 */
extern PyTypeObject PySetIter_Type;

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
 * `slice`.
 */
extern PyTypeObject PySlice_Type;

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
 * `str_iterator`: iterates non-ASCII strings.
 */
extern PyTypeObject PyUnicodeIter_Type;

/**
 * `weakref.ReferenceType`: calling it returns the referent or None.
 */
extern PyTypeObject _PyWeakref_RefType;

/**
 * `weakref.ProxyType`: forwards the object protocols to a live referent.
 */
extern PyTypeObject _PyWeakref_ProxyType;

/**
 * `weakref.CallableProxyType`: a proxy to a callable, itself callable.
 */
extern PyTypeObject _PyWeakref_CallableProxyType;

/**
 * `type(o)`.
 *
 * Returns: a new reference to the type of `o`.
 * Errors: NULL with `SystemError` if `o` is NULL.
 */
PyObject *PyObject_Type(PyObject *o);

/**
 * `len(o)`: `sq_length`, then `mp_length`.
 *
 * Returns: the length. Errors: -1 with `TypeError` ("object of type 'T' has no len()"),
 * what the slot raised, or `SystemError` for NULL.
 */
Py_ssize_t PyObject_Size(PyObject *o);

/**
 * Another name for `PyObject_Size` (also a macro in `abstract.h`, as in CPython).
 *
 * Returns: the length. Errors: -1 with an exception set.
 */
Py_ssize_t PyObject_Length(PyObject *o);

/**
 * `len(o)` if `o` has a length, else `default_value` (`__length_hint__` is consulted once
 * attribute lookup exists, issue 4).
 *
 * Returns: the length or `default_value`. Errors: -1 with an exception set (a `TypeError`
 * from the length is swallowed, as CPython does).
 */
Py_ssize_t PyObject_LengthHint(PyObject *o, Py_ssize_t default_value);

/**
 * `o[key]`: `mp_subscript`, else `sq_item` with `key.__index__()` (negative indices
 * counted from the end).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("'T' object is not subscriptable", "sequence index must be
 * integer, not 'T'"), `IndexError` if the index does not fit `Py_ssize_t`, what the slot
 * raised, or `SystemError` for NULL arguments.
 */
PyObject *PyObject_GetItem(PyObject *o, PyObject *key);

/**
 * `o[key] = v` (`v` is borrowed: the container takes its own reference).
 *
 * Returns: 0. Errors: -1 with `TypeError` ("'T' object does not support item assignment"),
 * what the slot raised, or `SystemError` for NULL arguments.
 */
int PyObject_SetItem(PyObject *o, PyObject *key, PyObject *v);

/**
 * `del o[key]`.
 *
 * Returns: 0. Errors: -1 with `TypeError` ("'T' object does not support item deletion"),
 * what the slot raised, or `SystemError` for NULL arguments.
 */
int PyObject_DelItem(PyObject *o, PyObject *key);

/**
 * `del o[key]` for the UTF-8 text `key`.
 *
 * Returns: 0. Errors: -1 with an exception set (as `PyObject_DelItem`, or
 * `UnicodeDecodeError` for a key that is not UTF-8).
 */
int PyObject_DelItemString(PyObject *o, const char *key);

/**
 * `iter(o)`: `tp_iter`, whose result must be an iterator.
 *
 * Returns: a new reference to an iterator.
 * Errors: NULL with `TypeError` ("'T' object is not iterable"; a sequence with only
 * `sq_item` gets its iterator once the sequence-iterator type exists), or what `tp_iter`
 * raised.
 */
PyObject *PyObject_GetIter(PyObject *o);

/**
 * `aiter(o)`: `am_aiter`, whose result must be an async iterator.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is not an async
 * iterable") or what `am_aiter` raised.
 */
PyObject *PyObject_GetAIter(PyObject *o);

/**
 * Returns: 1 if `o` is an iterator (its type has `tp_iternext`), else 0. Never fails.
 */
int PyIter_Check(PyObject *o);

/**
 * Returns: 1 if `o` is an async iterator (its type has `am_anext`), else 0. Never fails.
 */
int PyAIter_Check(PyObject *o);

/**
 * `next(iter)`.
 *
 * Returns: a new reference to the next item, or NULL *without* an exception when the
 * iterator is exhausted (a `StopIteration` is cleared).
 * Errors: NULL with an exception set: what `tp_iternext` raised, or `TypeError` if `iter`
 * is not an iterator (CPython crashes there), `SystemError` for NULL.
 */
PyObject *PyIter_Next(PyObject *iter);

/**
 * `isinstance(inst, cls)`: `cls` is a class or a (nested) tuple of classes. A metaclass's
 * `__instancecheck__` and an instance's own `__class__` need attribute lookup and calls
 * (issue 4): until then only the type relation counts (what `type` itself does).
 *
 * Returns: 1 or 0. Errors: -1 with `TypeError` ("isinstance() arg 2 must be a type, a tuple
 * of types, or a union"), `RecursionError` for absurdly nested tuples, `SystemError` for
 * NULL.
 */
int PyObject_IsInstance(PyObject *inst, PyObject *cls);

/**
 * `issubclass(derived, cls)`: `cls` is a class or a (nested) tuple of classes. A
 * metaclass's `__subclasscheck__` and `__bases__` of non-classes need attribute lookup
 * (issue 4).
 *
 * Returns: 1 or 0. Errors: -1 with `TypeError` ("issubclass() arg 1 must be a class",
 * "issubclass() arg 2 must be a class, a tuple of classes, or a union"), `SystemError` for
 * NULL.
 */
int PyObject_IsSubclass(PyObject *derived, PyObject *cls);

/**
 * Returns: 1 if `o` is a mapping (its type has `mp_subscript`), else 0 (also for NULL).
 * Never fails.
 */
int PyMapping_Check(PyObject *o);

/**
 * `len(o)` for a mapping (`mp_length`).
 *
 * Returns: the length. Errors: -1 with `TypeError` ("T is not a mapping" for a sequence,
 * "object of type 'T' has no len()"), what the slot raised, `SystemError` for NULL.
 */
Py_ssize_t PyMapping_Size(PyObject *o);

/**
 * Another name for `PyMapping_Size` (also a macro in `abstract.h`, as in CPython).
 *
 * Returns: the length. Errors: -1 with an exception set.
 */
Py_ssize_t PyMapping_Length(PyObject *o);

/**
 * `o[key]` for the UTF-8 text `key`.
 *
 * Returns: a new reference. Errors: NULL with an exception set (as `PyObject_GetItem`;
 * `SystemError` for NULL arguments).
 */
PyObject *PyMapping_GetItemString(PyObject *o, const char *key);

/**
 * `o[key]` without raising `KeyError` for a missing key (CPython 3.13).
 *
 * Returns: 1 with a new reference in `*result`, or 0 with `*result` NULL when the key is
 * missing. Errors: -1 with `*result` NULL and an exception set (anything but `KeyError`;
 * `SystemError` for NULL arguments).
 */
int PyMapping_GetOptionalItem(PyObject *o, PyObject *key, PyObject **result);

/**
 * `PyMapping_GetOptionalItem` for the UTF-8 text `key` (CPython 3.13).
 *
 * Returns: 1, or 0 when the key is missing. Errors: -1 with an exception set.
 */
int PyMapping_GetOptionalItemString(PyObject *o, const char *key, PyObject **result);

/**
 * `o[key] = value` for the UTF-8 text `key` (`value` borrowed).
 *
 * Returns: 0. Errors: -1 with an exception set (`SystemError` for NULL arguments).
 */
int PyMapping_SetItemString(PyObject *o, const char *key, PyObject *value);

/**
 * `key in o` for a mapping (CPython 3.13).
 *
 * Returns: 1 or 0. Errors: -1 with an exception set (anything `o[key]` raised but
 * `KeyError`; `SystemError` for NULL arguments).
 */
int PyMapping_HasKeyWithError(PyObject *o, PyObject *key);

/**
 * `PyMapping_HasKeyWithError` for the UTF-8 text `key` (CPython 3.13).
 *
 * Returns: 1 or 0. Errors: -1 with an exception set.
 */
int PyMapping_HasKeyStringWithError(PyObject *o, const char *key);

/**
 * `key in o` for a mapping, never failing: an error is reported as unraisable (on stderr,
 * "Exception ignored in PyMapping_HasKey(); consider using ...", as CPython 3.13) and gives 0.
 *
 * Returns: 1 or 0.
 */
int PyMapping_HasKey(PyObject *o, PyObject *key);

/**
 * `PyMapping_HasKey` for the UTF-8 text `key`, never failing (errors are reported as
 * unraisable and give 0, as CPython 3.13).
 *
 * Returns: 1 or 0.
 */
int PyMapping_HasKeyString(PyObject *o, const char *key);

/**
 * `list(o.keys())`: for an exact dict its keys in order (`PyDict_Keys`); any other object
 * has its `keys()` method called and the result listed.
 *
 * Returns: a new reference to a list. Errors: NULL with an exception set.
 */
PyObject *PyMapping_Keys(PyObject *o);

/**
 * `list(o.values())`: for an exact dict its values in order (`PyDict_Values`); other
 * objects as `PyMapping_Keys`.
 *
 * Returns: a new reference to a list. Errors: NULL with an exception set.
 */
PyObject *PyMapping_Values(PyObject *o);

/**
 * `list(o.items())`: for an exact dict its `(key, value)` tuples in order
 * (`PyDict_Items`); other objects as `PyMapping_Keys`.
 *
 * Returns: a new reference to a list. Errors: NULL with an exception set.
 */
PyObject *PyMapping_Items(PyObject *o);

/**
 * `o1 + o2`: `nb_add` of either operand (CPython's dispatch), else `sq_concat` of `o1`.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for +: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Add(PyObject *o1, PyObject *o2);

/**
 * `o1 - o2`: `nb_subtract` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for -: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Subtract(PyObject *o1, PyObject *o2);

/**
 * `o1 * o2`: `nb_multiply` of either operand, else `sq_repeat` of a sequence operand with the other's `__index__()`.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for *: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Multiply(PyObject *o1,
                            PyObject *o2);

/**
 * `o1 @ o2`: `nb_matrix_multiply` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for @: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_MatrixMultiply(PyObject *o1, PyObject *o2);

/**
 * `o1 // o2`: `nb_floor_divide` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for //: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_FloorDivide(PyObject *o1, PyObject *o2);

/**
 * `o1 / o2`: `nb_true_divide` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for /: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_TrueDivide(PyObject *o1, PyObject *o2);

/**
 * `o1 % o2`: `nb_remainder` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for %: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Remainder(PyObject *o1, PyObject *o2);

/**
 * `divmod(o1, o2)`: `nb_divmod` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for divmod(): 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Divmod(PyObject *o1, PyObject *o2);

/**
 * `o1 << o2`: `nb_lshift` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for <<: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Lshift(PyObject *o1, PyObject *o2);

/**
 * `o1 >> o2`: `nb_rshift` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for >>: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Rshift(PyObject *o1, PyObject *o2);

/**
 * `o1 & o2`: `nb_and` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for &: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_And(PyObject *o1, PyObject *o2);

/**
 * `o1 ^ o2`: `nb_xor` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for ^: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Xor(PyObject *o1, PyObject *o2);

/**
 * `o1 | o2`: `nb_or` of either operand (CPython's dispatch).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for |: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Or(PyObject *o1, PyObject *o2);

/**
 * `o1 += o2`: `nb_inplace_add` of `o1`, then `o1 + o2`'s dispatch, then `sq_inplace_concat` or `sq_concat` of `o1`. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for +=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceAdd(PyObject *o1,
                              PyObject *o2);

/**
 * `o1 -= o2`: the in-place slot of `o1`, then `o1 - o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for -=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceSubtract(PyObject *o1, PyObject *o2);

/**
 * `o1 *= o2`: `nb_inplace_multiply` of `o1`, then `o1 * o2`'s number dispatch, then `sq_inplace_repeat` or `sq_repeat` of `o1` (or `sq_repeat` of `o2` if `o1` has no sequence methods). The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for *=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceMultiply(PyObject *o1,
                                   PyObject *o2);

/**
 * `o1 @= o2`: the in-place slot of `o1`, then `o1 @ o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for @=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceMatrixMultiply(PyObject *o1, PyObject *o2);

/**
 * `o1 //= o2`: the in-place slot of `o1`, then `o1 // o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for //=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceFloorDivide(PyObject *o1,
                                      PyObject *o2);

/**
 * `o1 /= o2`: the in-place slot of `o1`, then `o1 / o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for /=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceTrueDivide(PyObject *o1, PyObject *o2);

/**
 * `o1 %= o2`: the in-place slot of `o1`, then `o1 % o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for %=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceRemainder(PyObject *o1, PyObject *o2);

/**
 * `o1 <<= o2`: the in-place slot of `o1`, then `o1 << o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for <<=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceLshift(PyObject *o1,
                                 PyObject *o2);

/**
 * `o1 >>= o2`: the in-place slot of `o1`, then `o1 >> o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for >>=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceRshift(PyObject *o1,
                                 PyObject *o2);

/**
 * `o1 &= o2`: the in-place slot of `o1`, then `o1 & o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for &=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceAnd(PyObject *o1, PyObject *o2);

/**
 * `o1 ^= o2`: the in-place slot of `o1`, then `o1 ^ o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for ^=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceXor(PyObject *o1, PyObject *o2);

/**
 * `o1 |= o2`: the in-place slot of `o1`, then `o1 | o2`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for |=: 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlaceOr(PyObject *o1, PyObject *o2);

/**
 * `pow(o1, o2, o3)` (`o3` is `Py_None` for `o1 ** o2`): `nb_power` of `o1` or `o2` as for
 * binary operators, then of `o3`.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for ** or pow(): ..."), what
 * a slot raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_Power(PyObject *o1, PyObject *o2, PyObject *o3);

/**
 * `o1 **= o2` (with modulus `o3`, `Py_None` for none): `nb_inplace_power` of `o1`, then
 * `pow()`'s dispatch. The result may be `o1` itself.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("unsupported operand type(s) for **=: ..."), what a slot
 * raised, or `SystemError` for NULL arguments.
 */
PyObject *PyNumber_InPlacePower(PyObject *o1, PyObject *o2, PyObject *o3);

/**
 * `-o` (`nb_negative`).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("bad operand type for unary -: 'T'"), what the slot raised,
 * or `SystemError` for NULL.
 */
PyObject *PyNumber_Negative(PyObject *o);

/**
 * `+o` (`nb_positive`).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("bad operand type for unary +: 'T'"), what the slot raised,
 * or `SystemError` for NULL.
 */
PyObject *PyNumber_Positive(PyObject *o);

/**
 * `abs(o)` (`nb_absolute`).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("bad operand type for abs(): 'T'"), what the slot raised,
 * or `SystemError` for NULL.
 */
PyObject *PyNumber_Absolute(PyObject *o);

/**
 * `~o` (`nb_invert`).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("bad operand type for unary ~: 'T'"), what the slot raised,
 * or `SystemError` for NULL.
 */
PyObject *PyNumber_Invert(PyObject *o);

/**
 * Returns: 1 if `o` is a number (its type has `nb_index`, `nb_int` or `nb_float`), else 0
 * (also for NULL). Never fails.
 */
int PyNumber_Check(PyObject *o);

/**
 * Returns: 1 if `o` can be used as an index (its type has `nb_index`), else 0 (also for
 * NULL). Never fails.
 */
int PyIndex_Check(PyObject *o);

/**
 * `operator.index(o)`: `o` itself for an `int`, else `o.__index__()`; always an exact
 * `int` (an `int` subclass is copied; `__index__` returning one is deprecated and warns).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` ("'T' object cannot be interpreted as an integer",
 * "__index__ returned non-int (type T)"), or `SystemError` for NULL.
 */
PyObject *PyNumber_Index(PyObject *o);

/**
 * `o.__index__()` as `Py_ssize_t`. A value out of range raises `exc` ("cannot fit 'T' into
 * an index-sized integer"), or is clamped to `PY_SSIZE_T_MIN`/`MAX` when `exc` is NULL.
 *
 * Returns: the value. Errors: -1 with an exception set (check `PyErr_Occurred()`, -1 is
 * also a value).
 */
Py_ssize_t PyNumber_AsSsize_t(PyObject *o, PyObject *exc);

/**
 * `int(o)`: `__int__` (an `int` subclass result is copied, with a `DeprecationWarning`),
 * then `__index__`, then the base-10 text of a `str`, `bytes`, `bytearray` or other buffer
 * exporter (copied to `bytes` first). `__trunc__` needs attribute lookup (issue 4) and is
 * not consulted.
 *
 * Returns: a new reference to an exact `int`. Errors: NULL with `TypeError` ("int()
 * argument must be a string, a bytes-like object or a real number, not 'T'"),
 * `ValueError` ("invalid literal for int() with base 10: ..."), or what a slot raised.
 */
PyObject *PyNumber_Long(PyObject *o);

/**
 * `float(o)`: `__float__` (a `float` subclass result is copied, with a
 * `DeprecationWarning`), then `__index__`, then a `float` subclass's value, then the text of
 * a `str`, `bytes`, `bytearray` or other buffer exporter (`PyFloat_FromString`).
 *
 * Returns: a new reference to an exact `float`. Errors: NULL with `TypeError` ("float()
 * argument must be a string or a real number, not 'T'"), `ValueError` ("could not convert
 * string to float: ..."), or what a slot raised.
 */
PyObject *PyNumber_Float(PyObject *o);

/**
 * `bin(n)`, `oct(n)`, `hex(n)` or `str(n)` of `n.__index__()`, for `base` 2, 8, 16 or 10.
 *
 * Returns: a new reference to a `str`.
 * Errors: NULL with `SystemError` ("PyNumber_ToBase: base must be 2, 8, 10 or 16"),
 * `TypeError` from `__index__`, `ValueError` for more than 4300 decimal digits (CPython's
 * default limit).
 */
PyObject *PyNumber_ToBase(PyObject *n, int base);

/**
 * Returns: 1 if `o` is a sequence (its type has `sq_item` and it is not a `dict`), else 0
 * (also for NULL). Never fails.
 */
int PySequence_Check(PyObject *o);

/**
 * `len(o)` for a sequence (`sq_length`).
 *
 * Returns: the length. Errors: -1 with `TypeError` ("T is not a sequence" for a mapping,
 * "object of type 'T' has no len()"), what the slot raised, `SystemError` for NULL.
 */
Py_ssize_t PySequence_Size(PyObject *o);

/**
 * Another name for `PySequence_Size` (also a macro in `abstract.h`, as in CPython).
 *
 * Returns: the length. Errors: -1 with an exception set.
 */
Py_ssize_t PySequence_Length(PyObject *o);

/**
 * `o1 + o2` for sequences: `sq_concat`, else `nb_add` when both are sequences.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be
 * concatenated"), what a slot raised, `SystemError` for NULL.
 */
PyObject *PySequence_Concat(PyObject *o1, PyObject *o2);

/**
 * `o * count` for a sequence: `sq_repeat`, else `nb_multiply` with an `int`.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be repeated"),
 * what a slot raised, `SystemError` for NULL.
 */
PyObject *PySequence_Repeat(PyObject *o, Py_ssize_t count);

/**
 * `o1 += o2` for sequences: `sq_inplace_concat`, `sq_concat`, then `+=` when both are
 * sequences. The result may be `o1` itself.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be
 * concatenated"), what a slot raised, `SystemError` for NULL.
 */
PyObject *PySequence_InPlaceConcat(PyObject *o1, PyObject *o2);

/**
 * `o *= count` for a sequence: `sq_inplace_repeat`, `sq_repeat`, then `*=` with an `int`.
 * The result may be `o` itself.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object can't be repeated"),
 * what a slot raised, `SystemError` for NULL.
 */
PyObject *PySequence_InPlaceRepeat(PyObject *o, Py_ssize_t count);

/**
 * `o[i]`: `sq_item`, a negative `i` counted from the end (through `sq_length`).
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object does not support
 * indexing", "T is not a sequence"), what the slot raised (`IndexError`), `SystemError`
 * for NULL.
 */
PyObject *PySequence_GetItem(PyObject *o, Py_ssize_t i);

/**
 * `o[i] = v` (`v` borrowed): `sq_ass_item`, a negative `i` counted from the end. A NULL
 * `v` deletes the item, as in CPython.
 *
 * Returns: 0. Errors: -1 with `TypeError` ("'T' object does not support item assignment"),
 * what the slot raised, `SystemError` for a NULL `o`.
 */
int PySequence_SetItem(PyObject *o, Py_ssize_t i, PyObject *v);

/**
 * `del o[i]`: `sq_ass_item` with NULL, a negative `i` counted from the end.
 *
 * Returns: 0. Errors: -1 with `TypeError` ("'T' object doesn't support item deletion"),
 * what the slot raised, `SystemError` for NULL.
 */
int PySequence_DelItem(PyObject *o, Py_ssize_t i);

/**
 * `o[i1:i2]`, through `mp_subscript` with `slice(i1, i2)`.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is unsliceable"),
 * what the slot raised, `SystemError` for NULL.
 */
PyObject *PySequence_GetSlice(PyObject *o, Py_ssize_t i1, Py_ssize_t i2);

/**
 * `o[i1:i2] = v`, through `mp_ass_subscript` with a `slice` (see `PySequence_GetSlice`).
 * A NULL `v` deletes, as in CPython.
 *
 * Returns: 0. Errors: -1 with `TypeError` ("'T' object doesn't support slice assignment"),
 * what the slot raised, `SystemError` for NULL.
 */
int PySequence_SetSlice(PyObject *o, Py_ssize_t i1, Py_ssize_t i2, PyObject *v);

/**
 * `del o[i1:i2]`, through `mp_ass_subscript` with a `slice` (see `PySequence_GetSlice`).
 *
 * Returns: 0. Errors: -1 with `TypeError` ("'T' object doesn't support slice deletion"),
 * what the slot raised, `SystemError` for NULL.
 */
int PySequence_DelSlice(PyObject *o, Py_ssize_t i1, Py_ssize_t i2);

/**
 * `value in o`: `sq_contains`, else a search by iteration (each item compared on the left
 * with `==`).
 *
 * Returns: 1 or 0. Errors: -1 with `TypeError` ("argument of type 'T' is not iterable"),
 * what a comparison raised, `SystemError` for NULL.
 */
int PySequence_Contains(PyObject *o, PyObject *value);

/**
 * Another name for `PySequence_Contains` (also a macro in `abstract.h`, as in CPython).
 *
 * Returns: 1 or 0. Errors: -1 with an exception set.
 */
int PySequence_In(PyObject *o, PyObject *value);

/**
 * The number of items of the iterable `o` equal to `value` (`o.count(value)`).
 *
 * Returns: the count. Errors: -1 with `TypeError` ("argument of type 'T' is not iterable"),
 * what a comparison raised, `SystemError` for NULL.
 */
Py_ssize_t PySequence_Count(PyObject *o, PyObject *value);

/**
 * The position of the first item of the iterable `o` equal to `value` (`o.index(value)`).
 *
 * Returns: the index. Errors: -1 with `ValueError` ("sequence.index(x): x not in
 * sequence"), `TypeError` ("argument of type 'T' is not iterable"), what a comparison
 * raised, `SystemError` for NULL.
 */
Py_ssize_t PySequence_Index(PyObject *o, PyObject *value);

/**
 * `tuple(o)`: a tuple is returned itself, any other iterable is copied.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is not iterable"),
 * what iterating raised, `SystemError` for NULL.
 */
PyObject *PySequence_Tuple(PyObject *o);

/**
 * `list(o)`: a new list of the items of the iterable `o`.
 *
 * Returns: a new reference. Errors: NULL with `TypeError` ("'T' object is not iterable"),
 * what iterating raised, `SystemError` for NULL.
 */
PyObject *PySequence_List(PyObject *o);

/**
 * `o` as a list or tuple for `PySequence_Fast_GET_ITEM`: an exact list or tuple is `o`
 * itself, any other iterable becomes a list. If `o` is not iterable, the `TypeError`
 * carries the message `m`.
 *
 * Returns: a new reference to a list or tuple. Errors: NULL with an exception set.
 */
PyObject *PySequence_Fast(PyObject *o, const char *m);

/**
 * `o.name` (`getattr(o, name)`): `tp_getattro`, else `tp_getattr` with the name as UTF-8.
 *
 * Returns: a new reference. Errors: NULL with `AttributeError` ("'T' object has no attribute
 * 'x'"), `TypeError` ("attribute name must be string, not 'int'"), or what the attribute's
 * getter raised; `SystemError` for NULL arguments.
 */
PyObject *PyObject_GetAttr(PyObject *o, PyObject *name);

/**
 * `PyObject_GetAttr` with a UTF-8 name.
 *
 * Returns: a new reference. Errors: as `PyObject_GetAttr`.
 */
PyObject *PyObject_GetAttrString(PyObject *o, const char *name);

/**
 * `o.name`, with a missing attribute not an error.
 *
 * Returns: 1 and a new reference in `*result` if found; 0 and NULL if `o` has no such
 * attribute (no exception set); -1 and NULL on another error.
 */
int PyObject_GetOptionalAttr(PyObject *o, PyObject *name, PyObject **result);

/**
 * `PyObject_GetOptionalAttr` with a UTF-8 name.
 *
 * Returns: as `PyObject_GetOptionalAttr`.
 */
int PyObject_GetOptionalAttrString(PyObject *o, const char *name, PyObject **result);

/**
 * `hasattr(o, name)`.
 *
 * Returns: 1 if `o` has the attribute, 0 if not. Errors: -1 with an exception set (any
 * error but `AttributeError` from the lookup).
 */
int PyObject_HasAttrWithError(PyObject *o, PyObject *name);

/**
 * `hasattr(o, name)` with a UTF-8 name.
 *
 * Returns/Errors: as `PyObject_HasAttrWithError`.
 */
int PyObject_HasAttrStringWithError(PyObject *o, const char *name);

/**
 * `hasattr(o, name)`, errors swallowed (CPython 3.13 reports them as unraisable; they are
 * cleared here).
 *
 * Returns: 1 or 0; never fails.
 */
int PyObject_HasAttr(PyObject *o, PyObject *name);

/**
 * `PyObject_HasAttr` with a UTF-8 name.
 *
 * Returns: 1 or 0; never fails.
 */
int PyObject_HasAttrString(PyObject *o, const char *name);

/**
 * `o.name = v` (`v` NULL: `del o.name`): `tp_setattro` (the name interned first), else
 * `tp_setattr`.
 *
 * Returns: 0. Errors: -1 with `AttributeError`/`TypeError` as CPython ("'T' object has no
 * attribute 'x' and no __dict__ for setting new attributes", "cannot set 'x' attribute of
 * immutable type 'int'", ...).
 */
int PyObject_SetAttr(PyObject *o, PyObject *name, PyObject *v);

/**
 * `PyObject_SetAttr` with a UTF-8 name.
 *
 * Returns/Errors: as `PyObject_SetAttr`.
 */
int PyObject_SetAttrString(PyObject *o, const char *name, PyObject *v);

/**
 * `del o.name`.
 *
 * Returns/Errors: as `PyObject_SetAttr` with a NULL value.
 */
int PyObject_DelAttr(PyObject *o, PyObject *name);

/**
 * `del o.name` with a UTF-8 name.
 *
 * Returns/Errors: as `PyObject_SetAttrString` with a NULL value.
 */
int PyObject_DelAttrString(PyObject *o, const char *name);

/**
 * The generic `tp_getattro`: data descriptors of the type, then the instance dict, then
 * other class attributes.
 *
 * Returns: a new reference. Errors: NULL with `AttributeError` ("'T' object has no
 * attribute 'x'") or what a descriptor raised.
 */
PyObject *PyObject_GenericGetAttr(PyObject *o, PyObject *name);

/**
 * The generic `tp_setattro` (`value` NULL deletes): a data descriptor's `__set__`, else the
 * instance dict.
 *
 * Returns: 0. Errors: -1 with `AttributeError` ("'T' object attribute 'x' is read-only",
 * "... and no __dict__ for setting new attributes") or what a descriptor raised.
 */
int PyObject_GenericSetAttr(PyObject *o, PyObject *name, PyObject *value);

/**
 * `__dict__` getter for types with an instance dict: the dict, made on first use.
 *
 * Returns: a new reference. Errors: NULL with `AttributeError("This object has no
 * __dict__")`.
 */
PyObject *PyObject_GenericGetDict(PyObject *o, void *_context);

/**
 * `__dict__` setter for types with an instance dict.
 *
 * Returns: 0. Errors: -1 with `TypeError` ("__dict__ must be set to a dictionary, not a
 * 'int'", "cannot delete __dict__") or `AttributeError("This object has no __dict__")`.
 */
int PyObject_GenericSetDict(PyObject *o, PyObject *value, void *_context);

/**
 * `_PyType_Lookup`: `name` along `type`'s MRO, without calling descriptors.
 *
 * Returns: a borrowed reference, or NULL (no exception set) if absent.
 */
PyObject *_PyType_Lookup(PyTypeObject *tp, PyObject *name);

/**
 * `PyType_Modified`: call after changing a type's dict or bases directly, so cached
 * lookups are forgotten.
 */
void PyType_Modified(PyTypeObject *tp);

/**
 * Visits the managed dict of `obj` (for a `tp_traverse` of a type with
 * `Py_TPFLAGS_MANAGED_DICT`).
 *
 * Returns: what `visit` returned for the dict, or 0.
 */
int PyObject_VisitManagedDict(PyObject *obj, visitproc visit, void *arg);

/**
 * Drops the managed dict of `obj` (for `tp_clear`/`tp_dealloc`).
 */
void PyObject_ClearManagedDict(PyObject *obj);

/**
 * A `method_descriptor` for `method` of `type`.
 *
 * Returns: a new reference. Errors: NULL with `SystemError` for bad call flags.
 */
PyObject *PyDescr_NewMethod(PyTypeObject *tp, PyMethodDef *method);

/**
 * A `classmethod_descriptor` for `method` of `type`.
 *
 * Returns: a new reference. Errors: NULL with `SystemError` for bad call flags.
 */
PyObject *PyDescr_NewClassMethod(PyTypeObject *tp, PyMethodDef *method);

/**
 * A `member_descriptor` for `member` of `type`.
 *
 * Returns: a new reference. Errors: NULL with `SystemError("PyDescr_NewMember used with
 * Py_RELATIVE_OFFSET")`.
 */
PyObject *PyDescr_NewMember(PyTypeObject *tp, PyMemberDef *member);

/**
 * A `getset_descriptor` for `getset` of `type`.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyDescr_NewGetSet(PyTypeObject *tp, PyGetSetDef *getset);

/**
 * Whether `descr` is a data descriptor (its type has `__set__`).
 *
 * Returns: 1 or 0.
 */
int PyDescr_IsData(PyObject *descr);

/**
 * `classmethod(callable)`.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyClassMethod_New(PyObject *callable);

/**
 * `staticmethod(callable)`.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyStaticMethod_New(PyObject *callable);

/**
 * `types.MappingProxyType(mapping)`: a read-only view.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyDictProxy_New(PyObject *mapping);

/**
 * Reads the field `member` of the object at `obj_addr` as an object.
 *
 * Returns: a new reference. Errors: NULL with `AttributeError` (an unset
 * `Py_T_OBJECT_EX`), `SystemError` ("bad memberdescr type", "PyMember_GetOne used with
 * Py_RELATIVE_OFFSET").
 */
PyObject *PyMember_GetOne(const char *obj_addr, PyMemberDef *member);

/**
 * Stores `v` (NULL: delete) into the field `member` of the object at `addr`.
 *
 * Returns: 0. Errors: -1 with CPython's errors ("readonly attribute", "can't delete
 * numeric/char attribute", conversion errors; truncation is a `RuntimeWarning`).
 */
int PyMember_SetOne(char *addr, PyMemberDef *member, PyObject *v);

/**
 * Calls the method `name` of `args[0]` with `args[1..]` (and keywords named by
 * `kwnames`); a method descriptor found on the type is called with `args[0]` as `self`
 * directly, no bound method made. `nargsf` counts `args[0]` and may carry
 * `PY_VECTORCALL_ARGUMENTS_OFFSET`.
 *
 * Returns: a new reference. Errors: NULL with `AttributeError` or what the call raised.
 */
PyObject *PyObject_VectorcallMethod(PyObject *name,
                                    PyObject *const *args,
                                    size_t nargsf,
                                    PyObject *kwnames);

/**
 * `self.name()`.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyObject_CallMethodNoArgs(PyObject *self_, PyObject *name);

/**
 * `self.name(arg)`.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyObject_CallMethodOneArg(PyObject *self_, PyObject *name, PyObject *arg);

/**
 * For the C bodies of `PyObject_CallMethod` and `PyObject_CallMethodObjArgs`: raises
 * CPython's error for a NULL argument (`SystemError("null argument to internal
 * routine")`).
 *
 * Returns: NULL.
 */
PyObject *_Subinterp_NullError(void);

/**
 * Where `obj` keeps its instance dict (`tp_dictoffset`, negative offsets counted from the
 * end of a variable-size object; the managed dict slot for `Py_TPFLAGS_MANAGED_DICT`).
 *
 * Returns: a pointer to the dict slot (which may hold NULL), or NULL if the type has no
 * instance dict. Never fails.
 */
PyObject **_PyObject_GetDictPtr(PyObject *obj);

/**
 * `bytearray(o)`: zeros for an int, a copy of a buffer (any layout), the values of a
 * list, tuple or iterable of ints in `range(0, 256)`.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError("string argument without an encoding")` for a `str`,
 * `ValueError("negative count")`, `TypeError("cannot convert 'T' object to bytearray")`,
 * `ValueError("byte must be in range(0, 256)")`, CPython's TypeError for a non-integer
 * item, what iteration raises; `SystemError` for NULL.
 */
PyObject *PyByteArray_FromObject(PyObject *o);

/**
 * A new bytearray of `size` bytes copied from `s` (uninitialized when `s` is NULL).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError("Negative size passed to
 * PyByteArray_FromStringAndSize")`, `MemoryError`.
 */
PyObject *PyByteArray_FromStringAndSize(const char *s, Py_ssize_t size);

/**
 * A new bytearray holding `a + b` (any two bytes-like objects).
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError("can't concat B to A")`, `MemoryError`; `SystemError` for
 * NULL.
 */
PyObject *PyByteArray_Concat(PyObject *a, PyObject *b);

/**
 * Returns: the length of a bytearray.
 * Errors: -1 with `SystemError` if `o` is NULL or not a bytearray.
 */
Py_ssize_t PyByteArray_Size(PyObject *o);

/**
 * Returns: the contents of a bytearray, NUL-terminated (borrowed: valid until it is
 * resized or freed; writable).
 * Errors: NULL with `SystemError` if `o` is NULL or not a bytearray.
 */
char *PyByteArray_AsString(PyObject *o);

/**
 * Changes the length of a bytearray to `len` (new bytes are uninitialized).
 *
 * Returns: 0.
 * Errors: -1 with `BufferError("Existing exports of data: object cannot be re-sized")`
 * while buffer views of it are held, `ValueError("Can only resize to positive sizes, got
 * N")`, `MemoryError`; `SystemError` if `o` is NULL or not a bytearray.
 */
int PyByteArray_Resize(PyObject *o, Py_ssize_t len);

/**
 * A `bytes` of `size` bytes copied from `s`; with `s` NULL, `size` bytes left to fill
 * (possibly shrunk later with `_PyBytes_Resize`). Objects of length 0 and of one byte
 * copied from `s` are shared immortals.
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError("Negative size passed to PyBytes_FromStringAndSize")`,
 * `OverflowError("byte string is too large")`, `MemoryError`.
 */
PyObject *PyBytes_FromStringAndSize(const char *s, Py_ssize_t size);

/**
 * A `bytes` holding a copy of the NUL-terminated `s` (without the NUL).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` if `s` is NULL (CPython crashes), `MemoryError`.
 */
PyObject *PyBytes_FromString(const char *s);

/**
 * `bytes(o)`: `o` itself if it is exactly a `bytes`, else a copy of its buffer (any
 * layout), else the values of a list, tuple or iterable of ints in `range(0, 256)`.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError("cannot convert 'T' object to bytes")` (also for `str`),
 * CPython's TypeError for a non-integer item, `ValueError("bytes must be in range(0,
 * 256)")`, what iteration raises; `SystemError` for NULL.
 */
PyObject *PyBytes_FromObject(PyObject *o);

/**
 * Returns: the length of a `bytes` (or subclass) object.
 * Errors: -1 with `TypeError("expected bytes, T found")`; `SystemError` for NULL.
 */
Py_ssize_t PyBytes_Size(PyObject *o);

/**
 * Returns: the bytes of a `bytes` object, NUL-terminated (borrowed: valid while `o`
 * lives; never write them unless `o` is new and nobody else has seen it).
 * Errors: NULL with `TypeError("expected bytes, T found")`; `SystemError` for NULL.
 */
char *PyBytes_AsString(PyObject *o);

/**
 * Stores the bytes of `o` in `*s` (borrowed, NUL-terminated) and, if `len` is not NULL,
 * the length in `*len`. With `len` NULL the bytes must not contain a NUL.
 *
 * Returns: 0.
 * Errors: -1 with `TypeError("expected bytes, T found")`; `ValueError("embedded null
 * byte")` when `len` is NULL and `o` contains a NUL (`*s` is still set, as CPython);
 * `SystemError` if `o` or `s` is NULL.
 */
int PyBytes_AsStringAndSize(PyObject *o, char **s, Py_ssize_t *len);

/**
 * `*pv = *pv + w` for a `bytes` `*pv` and any bytes-like `w`, in place when `*pv` is
 * an exact `bytes` referenced only by the caller. Does nothing if `*pv` is NULL.
 *
 * Ownership: `*pv` is replaced by a new reference (the old one is consumed); `w` is
 * borrowed.
 * Errors: `*pv` set to NULL with `TypeError("can't concat W to V")` or `MemoryError`;
 * with `w` NULL, `*pv` is cleared (no exception); `SystemError` if `pv` is NULL (CPython
 * asserts).
 */
void PyBytes_Concat(PyObject **pv, PyObject *w);

/**
 * `PyBytes_Concat`, then drops the caller's reference to `w`.
 *
 * Ownership: as `PyBytes_Concat`; `w` is consumed (NULL allowed).
 * Errors: as `PyBytes_Concat`.
 */
void PyBytes_ConcatAndDel(PyObject **pv, PyObject *w);

/**
 * Changes the length of the `bytes` `*pv` to `newsize`: in place when the caller holds
 * the only reference (a new object from `PyBytes_FromStringAndSize(NULL, n)`), else by
 * replacing `*pv` with a resized copy.
 *
 * Returns: 0. Ownership: `*pv` is replaced by a new reference (the old one consumed).
 * Errors: -1 with `*pv` set to NULL (its reference dropped): `SystemError` if `*pv` is
 * not a `bytes` or `newsize` is negative, `MemoryError`.
 */
int _PyBytes_Resize(PyObject **pv, Py_ssize_t newsize);

/**
 * `repr(o)` for a `bytes`: `b'...'`; with `smartquotes` non-zero, `b"..."` when the
 * bytes contain `'` but no `"`.
 *
 * Returns: a new reference to a `str`.
 * Errors: NULL with `SystemError` if `o` is NULL or not a `bytes` (CPython does not
 * check), `OverflowError` for a repr too long for a `str`.
 */
PyObject *PyBytes_Repr(PyObject *o, int smartquotes);

/**
 * Calls `callable(*args, **kwargs)`: its vectorcall if it has one, else its type's
 * `tp_call` (inside the recursion limit).
 *
 * Parameters: `args` a tuple (borrowed); `kwargs` NULL or a dict (borrowed).
 * Returns: a new reference.
 * Errors: NULL with what the callable raised; `TypeError("'T' object is not callable")`;
 * `SystemError` if it returned NULL without an exception or a result with one;
 * `RecursionError` past the C recursion limit. NULL `callable` or `args`: `SystemError`
 * (CPython crashes); a non-tuple `args` or non-dict `kwargs`: `TypeError`.
 */
PyObject *PyObject_Call(PyObject *callable, PyObject *args, PyObject *kwargs);

/**
 * Calls `callable(*args)`; `args` NULL means no arguments.
 *
 * Returns: a new reference.
 * Errors: as `PyObject_Call`; `TypeError("argument list must be a tuple")` if `args` is
 * not a tuple.
 */
PyObject *PyObject_CallObject(PyObject *callable, PyObject *args);

/**
 * Calls `func()`.
 *
 * Returns: a new reference. Errors: as `PyObject_Call`.
 */
PyObject *PyObject_CallNoArgs(PyObject *func);

/**
 * Calls `func(arg)`.
 *
 * Returns: a new reference. Errors: as `PyObject_Call`; a NULL `arg` is `SystemError`
 * (CPython asserts).
 */
PyObject *PyObject_CallOneArg(PyObject *func, PyObject *arg);

/**
 * Calls `callable` with `args[0..nargs]` positional and one keyword argument per name in
 * `kwnames` (its values follow the positional ones in `args`). `nargsf` is `nargs`, with
 * `PY_VECTORCALL_ARGUMENTS_OFFSET` if the callee may overwrite `args[-1]`.
 *
 * Parameters: all borrowed; `kwnames` NULL or a tuple of str.
 * Returns: a new reference.
 * Errors: as `PyObject_Call`; a NULL `args` with arguments is `SystemError`.
 */
PyObject *PyObject_Vectorcall(PyObject *callable,
                              PyObject *const *args,
                              size_t nargsf,
                              PyObject *kwnames);

/**
 * Like `PyObject_Vectorcall`, with the keyword arguments in a dict (NULL for none).
 *
 * Returns: a new reference.
 * Errors: as `PyObject_Call`; `TypeError("keywords must be strings")` for a non-str key
 * when the callable takes vectorcall.
 */
PyObject *PyObject_VectorcallDict(PyObject *callable,
                                  PyObject *const *args,
                                  size_t nargsf,
                                  PyObject *kwargs);

/**
 * Calls `callable`'s vectorcall with a tuple and a dict (NULL for no keywords): what a
 * type that implements vectorcall puts in `tp_call`.
 *
 * Returns: a new reference.
 * Errors: `TypeError("'T' object does not support vectorcall")` if the object has no
 * vectorcall (`tp_vectorcall_offset` or the slot is 0); else as `PyObject_Call`.
 */
PyObject *PyVectorcall_Call(PyObject *callable, PyObject *tuple, PyObject *dict);

/**
 * Returns: `callable`'s vectorcall function, or NULL if its type lacks
 * `Py_TPFLAGS_HAVE_VECTORCALL` or the slot is empty (also for a NULL `callable`). Never
 * raises.
 */
vectorcallfunc PyVectorcall_Function(PyObject *callable);

/**
 * Returns: the number of positional arguments in `nargsf` (without
 * `PY_VECTORCALL_ARGUMENTS_OFFSET`). The function form, for the stable ABI; C code gets
 * the inline one.
 */
Py_ssize_t PyVectorcall_NARGS(size_t nargsf);

/**
 * Makes a dict of `kwnames[i]: values[i]` (a repeated name keeps the last value): the
 * vector form's keywords as a `**kwargs` dict.
 *
 * Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` if
 * `kwnames` is not a tuple or `values` is NULL.
 */
PyObject *_PyStack_AsDict(PyObject *const *values, PyObject *kwnames);

/**
 * Counts one more nested C call on the current thread state: C code that recurses calls
 * it before each level and `Py_LeaveRecursiveCall` after. The limit is CPython 3.13's C
 * recursion limit (10,000 levels on Linux); `where` is appended to the message (NULL: nothing).
 *
 * Returns: 0, or -1 with `RecursionError("maximum recursion depth exceeded" + where)` set
 * (the call is then not counted).
 */
int Py_EnterRecursiveCall(const char *where_);

/**
 * Ends a level counted by a successful `Py_EnterRecursiveCall`.
 */
void Py_LeaveRecursiveCall(void);

/**
 * `func` bound to `self_` (`types.MethodType(func, self)`): calling it calls
 * `func(self_, *args)`.
 *
 * Returns: a new reference. Errors: NULL with `SystemError` for a NULL argument (CPython's
 * `PyErr_BadInternalCall` for `self_`), `MemoryError`.
 */
PyObject *PyMethod_New(PyObject *func, PyObject *self_);

/**
 * The function of a bound method.
 *
 * Returns: a borrowed reference. Errors: NULL with `SystemError` if `m` is not a bound
 * method.
 */
PyObject *PyMethod_Function(PyObject *m);

/**
 * The instance a bound method is bound to.
 *
 * Returns: a borrowed reference. Errors: NULL with `SystemError` if `m` is not a bound
 * method.
 */
PyObject *PyMethod_Self(PyObject *m);

/**
 * Wraps `func` so that, found on a class, it binds to instances like a Python function.
 *
 * Returns: a new reference. Errors: NULL with `SystemError` for NULL, `MemoryError`.
 */
PyObject *PyInstanceMethod_New(PyObject *func);

/**
 * The callable an `instancemethod` wraps.
 *
 * Returns: a borrowed reference. Errors: NULL with `SystemError` if `im` is not one.
 */
PyObject *PyInstanceMethod_Function(PyObject *im);

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
 * A new, empty dictionary.
 *
 * Returns: a new reference. Errors: NULL with `MemoryError`.
 */
PyObject *PyDict_New(void);

/**
 * A new, empty dictionary with room for `minused` items before it resizes.
 *
 * Returns: a new reference. Errors: NULL with `MemoryError`.
 */
PyObject *_PyDict_NewPresized(Py_ssize_t minused);

/**
 * `p[key] = val`. The dictionary takes its own references (nothing is stolen).
 *
 * Returns: 0. Errors: -1 with `TypeError` if `key` is unhashable (or what its hash or
 * `__eq__` raised), `SystemError` if `p` is not a dict or an argument is NULL.
 */
int PyDict_SetItem(PyObject *p, PyObject *key, PyObject *val);

/**
 * `p[key] = val` with the key given as a UTF-8 C string.
 *
 * Returns: 0. Errors: -1 with an exception set (decoding the key, or as `PyDict_SetItem`).
 */
int PyDict_SetItemString(PyObject *p, const char *key, PyObject *val);

/**
 * `p[key]`, swallowing errors (CPython 3.13 reports them as unraisable, on stderr, and
 * keeps an exception that was already set).
 *
 * Returns: the value (borrowed), or NULL if absent, if `p` is not a dict, or on error.
 * Prefer `PyDict_GetItemRef` or `PyDict_GetItemWithError`.
 */
PyObject *PyDict_GetItem(PyObject *p, PyObject *key);

/**
 * `p[key]`.
 *
 * Returns: the value (borrowed), or NULL without an exception if absent.
 * Errors: NULL with an exception set (unhashable key, a failing `__eq__`), `SystemError`
 * if `p` is not a dict or `key` is NULL.
 */
PyObject *PyDict_GetItemWithError(PyObject *p, PyObject *key);

/**
 * `p[key]` with the key given as a UTF-8 C string, swallowing errors like
 * `PyDict_GetItem`.
 *
 * Returns: the value (borrowed) or NULL.
 */
PyObject *PyDict_GetItemString(PyObject *p, const char *key);

/**
 * `p[key]` into `*result` (CPython 3.13).
 *
 * Returns: 1 with `*result` a new reference if present; 0 with `*result` NULL if absent.
 * Errors: -1 with `*result` NULL and an exception set (unhashable key, failing `__eq__`;
 * `SystemError` if `p` is not a dict or an argument is NULL).
 */
int PyDict_GetItemRef(PyObject *p, PyObject *key, PyObject **result);

/**
 * `PyDict_GetItemRef` with the key given as a UTF-8 C string (CPython 3.13).
 *
 * Returns: 1 (`*result` a new reference), 0 (absent, `*result` NULL).
 * Errors: -1 with `*result` NULL and an exception set (decoding the key too).
 */
int PyDict_GetItemStringRef(PyObject *p, const char *key, PyObject **result);

/**
 * `del p[key]`.
 *
 * Returns: 0. Errors: -1 with `KeyError(key)` if absent, `TypeError` for an unhashable
 * key, `SystemError` if `p` is not a dict or `key` is NULL.
 */
int PyDict_DelItem(PyObject *p, PyObject *key);

/**
 * `del p[key]` with the key given as a UTF-8 C string.
 *
 * Returns: 0. Errors: -1 with an exception set, as `PyDict_DelItem`.
 */
int PyDict_DelItemString(PyObject *p, const char *key);

/**
 * `key in p`.
 *
 * Returns: 1 if present, 0 if not. Errors: -1 with an exception set (unhashable key,
 * failing `__eq__`; `SystemError` if `p` is not a dict, where CPython crashes).
 */
int PyDict_Contains(PyObject *p, PyObject *key);

/**
 * `key in p` with the key given as a UTF-8 C string (CPython 3.13).
 *
 * Returns: 1 or 0. Errors: -1 with an exception set, as `PyDict_Contains`.
 */
int PyDict_ContainsString(PyObject *p, const char *key);

/**
 * Returns: the number of items. Errors: -1 with `SystemError` if `p` is not a dict.
 */
Py_ssize_t PyDict_Size(PyObject *p);

/**
 * The keys, in insertion order.
 *
 * Returns: a new list. Errors: NULL with `SystemError` if `p` is not a dict, `MemoryError`.
 */
PyObject *PyDict_Keys(PyObject *p);

/**
 * The values, in insertion order.
 *
 * Returns: a new list. Errors: NULL with `SystemError` if `p` is not a dict, `MemoryError`.
 */
PyObject *PyDict_Values(PyObject *p);

/**
 * The `(key, value)` pairs, in insertion order.
 *
 * Returns: a new list of new 2-tuples. Errors: NULL with `SystemError` if `p` is not a
 * dict, `MemoryError`.
 */
PyObject *PyDict_Items(PyObject *p);

/**
 * Iterates over the items in insertion order. Start with `*ppos = 0`; each call stores the
 * next key and value in `*pkey` and `*pvalue` (either may be NULL) and advances `*ppos`
 * (an opaque position). The dict must not change size meanwhile (replacing values of
 * existing keys is fine).
 *
 * Returns: 1 for an item (borrowed references), 0 at the end. Not a dict, or a NULL
 * `ppos`: 0 (no error).
 */
int PyDict_Next(PyObject *p, Py_ssize_t *ppos, PyObject **pkey, PyObject **pvalue);

/**
 * Removes every item. Not a dict: nothing happens.
 */
void PyDict_Clear(PyObject *p);

/**
 * A shallow copy (an exact `dict`, also for a subclass).
 *
 * Returns: a new reference. Errors: NULL with `SystemError` if `p` is not a dict,
 * `MemoryError`.
 */
PyObject *PyDict_Copy(PyObject *p);

/**
 * Adds the items of `b` to `a`, replacing the values of keys already present if
 * `override` is non-zero. `b` must be a dict (a subclass is read as a dict): CPython reads
 * other mappings through their `keys()` method, an attribute call not available yet; for
 * them this raises `AttributeError: 'T' object has no attribute 'keys'`, CPython's error
 * for an object that has no `keys`.
 *
 * Returns: 0. Errors: -1 with an exception set (a failing `__eq__`, `RuntimeError` "dict
 * mutated during update", `SystemError` if `a` is not a dict or `b` is NULL).
 */
int PyDict_Merge(PyObject *a, PyObject *b, int override_);

/**
 * `a.update(b)` for a dict `b`: `PyDict_Merge(a, b, 1)`.
 *
 * Returns: 0. Errors: -1 with an exception set, as `PyDict_Merge`.
 */
int PyDict_Update(PyObject *a, PyObject *b);

/**
 * Adds the items of `seq2`, an iterable of 2-item sequences (key, value), to `d`; with
 * `override` zero, keys already present keep their values.
 *
 * Returns: 0. Errors: -1 with `TypeError` ("cannot convert dictionary update sequence
 * element #N to a sequence"), `ValueError` ("dictionary update sequence element #N has
 * length L; 2 is required"), what iterating raised, `SystemError` if `d` is not a dict or
 * `seq2` is NULL. Items before the bad element stay added.
 */
int PyDict_MergeFromSeq2(PyObject *d, PyObject *seq2, int override_);

/**
 * `p.setdefault(key, defaultobj)`: inserts `defaultobj` if `key` is absent.
 *
 * Returns: the value now stored for `key` (borrowed).
 * Errors: NULL with an exception set (unhashable key; `SystemError` if `p` is not a dict
 * or an argument is NULL).
 */
PyObject *PyDict_SetDefault(PyObject *p, PyObject *key, PyObject *defaultobj);

/**
 * Inserts `default_value` for `key` if absent (CPython 3.13). If `result` is not NULL,
 * `*result` receives a new reference to the value now stored (NULL on error).
 *
 * Returns: 1 if `key` was present (nothing inserted), 0 if `default_value` was inserted.
 * Errors: -1 with an exception set (unhashable key; `SystemError` if `p` is not a dict or
 * an argument is NULL).
 */
int PyDict_SetDefaultRef(PyObject *p, PyObject *key, PyObject *default_value, PyObject **result);

/**
 * Removes `key` (CPython 3.13). If `result` is not NULL, `*result` receives the removed
 * value (a new reference), or NULL. An empty dict returns 0 without hashing the key.
 *
 * Returns: 1 if `key` was present, 0 if not (no `KeyError`).
 * Errors: -1 with `*result` NULL and an exception set (unhashable key; `SystemError` if
 * `p` is not a dict or `key` is NULL).
 */
int PyDict_Pop(PyObject *p, PyObject *key, PyObject **result);

/**
 * `PyDict_Pop` with the key given as a UTF-8 C string (CPython 3.13).
 *
 * Returns: 1 or 0, as `PyDict_Pop`. Errors: -1 with `*result` NULL and an exception set
 * (decoding the key too).
 */
int PyDict_PopString(PyObject *p, const char *key, PyObject **result);

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
 * Returns: a new reference to a float of value `v`.
 * Errors: NULL with `MemoryError`.
 */
PyObject *PyFloat_FromDouble(double v);

/**
 * Returns: the value of `op` as a C double: a float's value, else `op.__float__()`
 * (`nb_float`), else `op.__index__()` converted (ints take the `nb_float` path).
 * Errors: -1.0 with `TypeError` ("must be real number, not T", "T.__float__ returned
 * non-float (type U)"), `OverflowError` ("int too large to convert to float"), what
 * `__float__` raised, or a `DeprecationWarning` raised as an error (`__float__` returning a
 * strict subclass of float, `__index__` a strict subclass of int); `TypeError` ("bad argument type for built-in operation") for NULL,
 * as CPython. Check `PyErr_Occurred()` to tell -1.0 from an error.
 */
double PyFloat_AsDouble(PyObject *op);

/**
 * Returns: a new reference to the float the str, bytes, bytearray or other buffer `op`
 * spells (`float(op)` for text: surrounding whitespace, underscores between digits,
 * `inf`/`nan`, Unicode digits in a str).
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
 * Checks that every key of the dict `kwargs` is a `str`.
 *
 * Returns: 1 if so; 0 with `TypeError("keywords must be strings")` if not.
 * Errors: `SystemError` if `kwargs` is NULL or not a dict.
 */
int PyArg_ValidateKeywordArguments(PyObject *kwargs);

/**
 * Makes a heap type from `spec` with metaclass `metaclass` (NULL: `type`, or the most
 * derived metaclass of the bases), associated with `module` (NULL: none; what
 * `PyType_GetModule` returns), deriving from `bases` (a type or a tuple of types; NULL:
 * the spec's `Py_tp_bases`, else `Py_tp_base`, else `object`). The spec's strings, slots
 * and `PyMemberDef` table are copied (`Py_RELATIVE_OFFSET` offsets resolved); the type
 * belongs to the calling interpreter.
 *
 * Returns: a new reference to the type.
 * Errors: NULL with CPython 3.13's exceptions: `RuntimeError` "invalid slot offset",
 * `SystemError` for a spec without a name, several `Py_tp_members`/`Py_tp_doc` slots or a
 * bad relative offset, `TypeError` for an unusable base ("type 'X' is not an acceptable
 * base type"), a metaclass conflict, "Metaclasses with custom tp_new are not supported."
 */
PyObject *PyType_FromMetaclass(PyTypeObject *metaclass,
                               PyObject *module,
                               PyType_Spec *spec,
                               PyObject *bases);

/**
 * `PyType_FromMetaclass(NULL, module, spec, bases)`, except that a metaclass with its own
 * `tp_new` only gives a `DeprecationWarning` (as CPython 3.13).
 *
 * Returns: a new reference to the type. Errors: NULL with an exception set.
 */
PyObject *PyType_FromModuleAndSpec(PyObject *module, PyType_Spec *spec, PyObject *bases);

/**
 * `PyType_FromModuleAndSpec(NULL, spec, bases)`.
 *
 * Returns: a new reference to the type. Errors: NULL with an exception set.
 */
PyObject *PyType_FromSpecWithBases(PyType_Spec *spec, PyObject *bases);

/**
 * `PyType_FromModuleAndSpec(NULL, spec, NULL)`.
 *
 * Returns: a new reference to the type. Errors: NULL with an exception set.
 */
PyObject *PyType_FromSpec(PyType_Spec *spec);

/**
 * The value of slot `slot` (a `Py_*` id of typeslots.h) of any type, static or heap: what
 * the type has now, inherited values included; NULL when unset.
 *
 * Returns: the slot's value (borrowed). Errors: NULL with `SystemError` ("bad argument to
 * internal function") for NULL or an invalid slot id; NULL without an exception for an
 * unset slot.
 */
void *PyType_GetSlot(PyTypeObject *tp, int slot);

/**
 * `type.__module__`: a heap type's `__module__` (from its dict), a static type's
 * `tp_name` before the last dot, else `builtins`.
 *
 * Returns: a new reference. Errors: NULL with `AttributeError` ("__module__") for a heap
 * type without one, `SystemError` for NULL.
 */
PyObject *PyType_GetModuleName(PyTypeObject *tp);

/**
 * `module.qualname` of the type, or just the qualname when the module is `builtins` or
 * `__main__`.
 *
 * Returns: a new reference to a `str`. Errors: NULL with an exception set.
 */
PyObject *PyType_GetFullyQualifiedName(PyTypeObject *tp);

/**
 * The module a heap type was made with (`PyType_FromModuleAndSpec`).
 *
 * Returns: a borrowed reference. Errors: NULL with `TypeError` ("PyType_GetModule: Type
 * 'X' is not a heap type", "... has no associated module"), `SystemError` for NULL.
 */
PyObject *PyType_GetModule(PyTypeObject *tp);

/**
 * The state of the module a heap type was made with.
 *
 * Returns: the state (NULL without an exception for a module without state).
 * Errors: NULL with `PyType_GetModule`'s `TypeError` for a static type or a heap type
 * without a module.
 */
void *PyType_GetModuleState(PyTypeObject *tp);

/**
 * The module of the first class in `tp`'s MRO made with a module of definition `def`
 * (how a `METH_METHOD` method finds its module state from its defining class).
 *
 * Returns: a borrowed reference. Errors: NULL with `TypeError` ("PyType_GetModuleByDef:
 * No superclass of 'X' has the given module"), `SystemError` for NULL.
 */
PyObject *PyType_GetModuleByDef(PyTypeObject *tp, PyModuleDef *def);

/**
 * PEP 697: the memory of `obj` that belongs to class `cls` (one of `obj`'s classes, made
 * with a negative `basicsize` or any size): what follows `cls`'s base's instance, aligned.
 *
 * Returns: a pointer into `obj` (no reference involved). Errors: none (CPython checks
 * nothing either); NULL `obj` or `cls` gives NULL with `SystemError` where CPython
 * crashes.
 */
void *PyObject_GetTypeData(PyObject *obj, PyTypeObject *cls);

/**
 * PEP 697: the size of the type data `cls` adds to its base's instances.
 *
 * Returns: the size in bytes (0 when `cls` adds nothing). Errors: -1 with `SystemError`
 * for NULL or an unreadied type (CPython crashes).
 */
Py_ssize_t PyType_GetTypeDataSize(PyTypeObject *cls);

/**
 * PEP 697: the variable-size items of `obj`, whose type has `Py_TPFLAGS_ITEMS_AT_END`
 * (they follow the fixed part, `tp_basicsize`).
 *
 * Returns: a pointer into `obj`. Errors: NULL with `TypeError` "type 'X' does not have
 * Py_TPFLAGS_ITEMS_AT_END", `SystemError` for NULL.
 */
void *PyObject_GetItemData(PyObject *obj);

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
 * An iterator over any object with `sq_item`: it yields `seq[0]`, `seq[1]`, ... and ends
 * at the first `IndexError` or `StopIteration` (what `iter()` does for sequences without
 * `__iter__`).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` if `seq` is NULL or not a sequence (no `sq_item`, or a
 * dict), `MemoryError`.
 * Ownership: `seq` is borrowed (the iterator holds a reference until it is exhausted).
 */
PyObject *PySeqIter_New(PyObject *seq);

/**
 * `tp_iter` for iterators: returns `op` itself.
 *
 * Returns: a new reference to `op`.
 * Errors: NULL with `SystemError` if `op` is NULL.
 */
PyObject *PyObject_SelfIter(PyObject *op);

/**
 * A list of `size` items, each NULL until set with `PyList_SetItem` or `PyList_SET_ITEM`
 * (other list functions must not see it before).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` for a negative size, `MemoryError`.
 */
PyObject *PyList_New(Py_ssize_t size);

/**
 * Returns: the number of items of a list.
 * Errors: -1 with `SystemError` if `op` is NULL or not a list.
 */
Py_ssize_t PyList_Size(PyObject *op);

/**
 * Returns: item `index` of a list (borrowed: it may go away when the list changes).
 * Errors: NULL with `IndexError("list index out of range")` (negative indexes are out of
 * range), `SystemError` if `op` is NULL or not a list.
 */
PyObject *PyList_GetItem(PyObject *op, Py_ssize_t index);

/**
 * Returns: item `index` of a list (CPython 3.13).
 * Errors: NULL with `IndexError("list index out of range")`, `TypeError("expected a
 * list")` if `op` is not a list, `SystemError` if it is NULL.
 * Ownership: a new reference.
 */
PyObject *PyList_GetItemRef(PyObject *op, Py_ssize_t index);

/**
 * Stores `item` at `index`, dropping what was there.
 *
 * Returns: 0. Errors: -1 with `IndexError("list assignment index out of range")`, or
 * `SystemError` if `op` is NULL or not a list.
 * Ownership: steals `item` (also on error). A NULL `item` leaves the slot empty, as in
 * CPython; it must be filled before the list is used.
 */
int PyList_SetItem(PyObject *op, Py_ssize_t index, PyObject *item);

/**
 * Inserts `item` before position `index` (negative counts from the end; out of range
 * positions are clipped), as `list.insert`.
 *
 * Returns: 0. Errors: -1 with `SystemError` if `op` is not a list or an argument is
 * NULL, `MemoryError`.
 * Ownership: `item` is borrowed (the list takes a new reference).
 */
int PyList_Insert(PyObject *op, Py_ssize_t index, PyObject *item);

/**
 * Appends `item`, as `list.append`.
 *
 * Returns: 0. Errors: -1 with `SystemError` if `op` is not a list or an argument is
 * NULL, `MemoryError`.
 * Ownership: `item` is borrowed (the list takes a new reference).
 */
int PyList_Append(PyObject *op, PyObject *item);

/**
 * `op[low:high]` as a new list (bounds clipped to the list).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` if `op` is NULL or not a list, `MemoryError`.
 */
PyObject *PyList_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high);

/**
 * `op[low:high] = items`, or `del op[low:high]` when `items` is NULL. Bounds are clipped;
 * `items` may be any iterable, including `op` itself.
 *
 * Returns: 0. Errors: -1 with `TypeError("can only assign an iterable")`, an error the
 * iteration raised, `SystemError` if `op` is NULL or not a list, `MemoryError`.
 * Ownership: `items` is borrowed.
 */
int PyList_SetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high, PyObject *items);

/**
 * Sorts the list in place, stably, by `<` (`list.sort()`). While it sorts, the list looks
 * empty to the comparisons.
 *
 * Returns: 0. Errors: -1 with the first error a comparison raised (the list then holds
 * its items in some order), `ValueError("list modified during sort")` if a comparison
 * changed the list, `SystemError` if `op` is NULL or not a list.
 */
int PyList_Sort(PyObject *op);

/**
 * Reverses the list in place.
 *
 * Returns: 0. Errors: -1 with `SystemError` if `op` is NULL or not a list.
 */
int PyList_Reverse(PyObject *op);

/**
 * Returns: a new tuple of the list's items (`tuple(op)`).
 * Errors: NULL with `SystemError` if `op` is NULL or not a list, `MemoryError`.
 */
PyObject *PyList_AsTuple(PyObject *op);

/**
 * Appends the items of `iterable` (`list.extend`, CPython 3.13); `PyList_Extend(l, l)`
 * doubles `l`.
 *
 * Returns: 0. Errors: -1 with `TypeError("'T' object is not iterable")` or what the
 * iteration raised, `SystemError` if `op` is not a list or an argument is NULL.
 * Ownership: `iterable` is borrowed.
 */
int PyList_Extend(PyObject *op, PyObject *iterable);

/**
 * Removes every item (`list.clear`, CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `SystemError` if `op` is NULL or not a list.
 */
int PyList_Clear(PyObject *op);

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
 * A memoryview of any object exporting a buffer; for a memoryview, a new view sharing
 * its export. The exporter's buffer is held (and the exporter referenced) until the last
 * memoryview made from it is released.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError("memoryview: a bytes-like object is required, not 'T'")`,
 * `ValueError("operation forbidden on released memoryview object")`, the exporter's
 * error; `SystemError` for NULL.
 */
PyObject *PyMemoryView_FromObject(PyObject *o);

/**
 * A memoryview of `size` bytes at `mem`: read-only for `PyBUF_READ`, writable for
 * `PyBUF_WRITE`. The memory must outlive the memoryview; its base object is NULL.
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` if `mem` is NULL or `flags` is neither (CPython only
 * asserts both), `MemoryError`.
 */
PyObject *PyMemoryView_FromMemory(char *mem, Py_ssize_t size, int flags);

/**
 * A memoryview described by `info` (copied; `info->obj` is ignored, so the memory and
 * the format string must outlive the memoryview).
 *
 * Returns: a new reference.
 * Errors: NULL with `ValueError("PyMemoryView_FromBuffer(): info->buf must not be
 * NULL")`, `ValueError` for more than 64 dimensions; `SystemError` if `info` is NULL.
 */
PyObject *PyMemoryView_FromBuffer(const Py_buffer *info);

/**
 * A memoryview of `base` that is contiguous in `order` (`'C'`, `'F'` or `'A'`): a view
 * of `base`'s own memory when it already is, else (for `PyBUF_READ`) a view of a
 * read-only contiguous copy.
 *
 * Returns: a new reference.
 * Errors: NULL with `BufferError("underlying buffer is not writable")` or
 * `BufferError("writable contiguous buffer requested for a non-contiguous object.")` for
 * `PyBUF_WRITE`, `PyMemoryView_FromObject`'s errors; `SystemError` for NULL, a
 * `buffertype` other than `PyBUF_READ`/`PyBUF_WRITE` or another order (CPython asserts).
 */
PyObject *PyMemoryView_GetContiguous(PyObject *base, int buffertype, char order);

/**
 * A builtin function for the definition `ml`, with no `self` and no module: what the
 * `PyCFunction_New` macro spells as `PyCMethod_New(ml, self, NULL, NULL)` (this function
 * is the stable ABI's).
 *
 * Returns: a new reference. Errors: as `PyCMethod_New`.
 */
PyObject *PyCFunction_New(PyMethodDef *ml, PyObject *self_);

/**
 * A builtin function for `ml` bound to `self` with `__module__` `module` (the stable ABI's
 * function; the header's macro calls `PyCMethod_New` directly).
 *
 * Returns: a new reference. Errors: as `PyCMethod_New`.
 */
PyObject *PyCFunction_NewEx(PyMethodDef *ml, PyObject *self_, PyObject *module);

/**
 * Makes a builtin function object (`builtin_function_or_method`, or `builtin_method` for
 * `METH_METHOD`) from the definition `ml`, which must outlive it. Calling it calls
 * `ml->ml_meth` with `self` (NULL for none) by the convention `ml->ml_flags` names.
 *
 * Parameters: `self`, `module` (the `__module__` attribute) and `cls` (the defining class,
 * required with `METH_METHOD` and refused without it) may be NULL; each is borrowed and
 * the function keeps a reference.
 * Returns: a new reference.
 * Errors: NULL with `SystemError`: "<name>() method: bad call flags" for a combination
 * CPython refuses, "attempting to create PyCMethod with a METH_METHOD flag but no class",
 * "attempting to create PyCFunction with class but no METH_METHOD flag", or a NULL `ml`
 * (CPython crashes).
 */
PyObject *PyCMethod_New(PyMethodDef *ml, PyObject *self_, PyObject *module, PyTypeObject *cls);

/**
 * Returns: the C function of a builtin function (`ml_meth`).
 * Errors: NULL with `SystemError` if `op` is not a builtin function.
 */
PyCFunction PyCFunction_GetFunction(PyObject *op);

/**
 * Returns: the `self` a builtin function passes (borrowed), NULL for none or for a
 * `METH_STATIC` definition.
 * Errors: NULL with `SystemError` if `op` is not a builtin function.
 */
PyObject *PyCFunction_GetSelf(PyObject *op);

/**
 * Returns: the `METH_*` flags of a builtin function's definition.
 * Errors: -1 with `SystemError` if `op` is not a builtin function.
 */
int PyCFunction_GetFlags(PyObject *op);

/**
 * A new module named `name` (any object; normally a `str`) with `__name__`, `__doc__`,
 * `__package__`, `__loader__` and `__spec__` in its dict (the last four `None`).
 *
 * Returns: a new reference. Errors: NULL with an exception set (`SystemError` for NULL).
 */
PyObject *PyModule_NewObject(PyObject *name);

/**
 * `PyModule_NewObject` with a UTF-8 name.
 *
 * Returns: a new reference. Errors: NULL with an exception set.
 */
PyObject *PyModule_New(const char *name);

/**
 * Returns: the module's `__dict__` (borrowed). Errors: NULL with `SystemError` ("bad
 * argument to internal function") if `m` is not a module.
 */
PyObject *PyModule_GetDict(PyObject *m);

/**
 * Returns: a new reference to the module's `__name__`. Errors: NULL with `TypeError`
 * ("bad argument type for built-in operation") for a non-module, `SystemError`
 * ("nameless module") when `__name__` is missing or not a `str`.
 */
PyObject *PyModule_GetNameObject(PyObject *m);

/**
 * Returns: the module's `__name__` as UTF-8, borrowed from the `str` in its dict. Errors:
 * NULL as `PyModule_GetNameObject`.
 */
const char *PyModule_GetName(PyObject *m);

/**
 * Returns: a new reference to the module's `__file__`. Errors: NULL with `TypeError` for a
 * non-module, `SystemError` ("module filename missing") when it has none.
 */
PyObject *PyModule_GetFilenameObject(PyObject *m);

/**
 * Returns: the definition the module was made from (NULL without an exception for
 * none). Errors: NULL with `TypeError` ("bad argument type for built-in operation") for a
 * non-module.
 */
PyModuleDef *PyModule_GetDef(PyObject *m);

/**
 * Returns: the module's state (`m_size` bytes, zeroed when made; NULL without an exception
 * for none). Errors: NULL with `TypeError` ("bad argument type for built-in operation")
 * for a non-module.
 */
void *PyModule_GetState(PyObject *m);

/**
 * Makes `def` an object of type `moduledef` (once) for multi-phase initialization.
 *
 * Returns: `def` as an object (borrowed: definitions are static). Errors: NULL with
 * `SystemError` for NULL.
 */
PyObject *PyModuleDef_Init(PyModuleDef *def);

/**
 * Single-phase initialization (`PyModule_Create`): a module named `def->m_name` with
 * `m_size` bytes of zeroed state, `def->m_methods` bound to it and `def->m_doc` as
 * `__doc__`. A different `apiver` than `PYTHON_API_VERSION` gives a `RuntimeWarning`.
 *
 * Returns: a new reference. Errors: NULL with an exception set (`SystemError` "module X:
 * PyModule_Create is incompatible with m_slots").
 */
PyObject *PyModule_Create2(PyModuleDef *def, int apiver);

/**
 * Multi-phase initialization, creation phase (`PyModule_FromDefAndSpec`): `spec.name` is
 * the module's name; `Py_mod_create` (if any) makes the module, else a plain module is
 * made; `Py_mod_multiple_interpreters` is honoured in subinterpreters that check
 * extensions. The state is allocated by `PyModule_ExecDef`.
 *
 * Returns: a new reference. Errors: NULL with CPython 3.13's exceptions ("module X has
 * multiple create slots", "module X uses unknown slot ID N", "module X: m_size may not be
 * negative for multi-phase initialization", `ImportError` "module X does not support
 * loading in subinterpreters", ...).
 */
PyObject *PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int apiver);

/**
 * Multi-phase initialization, execution phase: allocates the zeroed state (once) and runs
 * the `Py_mod_exec` slots in order.
 *
 * Returns: 0. Errors: -1 with an exception set ("execution of module X failed without
 * setting an exception", ...).
 */
int PyModule_ExecDef(PyObject *module, PyModuleDef *def);

/**
 * Adds the functions of `functions` (NULL-name terminated) to `module`, bound to it.
 *
 * Returns: 0. Errors: -1 with an exception set (`ValueError` "module functions cannot set
 * METH_CLASS or METH_STATIC").
 */
int PyModule_AddFunctions(PyObject *module, PyMethodDef *functions);

/**
 * Sets the module's `__doc__` to the UTF-8 text `doc`.
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyModule_SetDocString(PyObject *module, const char *doc);

/**
 * Sets `module.name = value` (a new reference is taken; `value` stays the caller's).
 *
 * Returns: 0. Errors: -1 with `TypeError` ("PyModule_AddObjectRef() first argument must be
 * a module"), `SystemError` ("PyModule_AddObjectRef() must be called with an exception
 * raised if value is NULL"; an exception already set is kept).
 */
int PyModule_AddObjectRef(PyObject *module, const char *name, PyObject *value);

/**
 * `PyModule_AddObjectRef`, stealing `value` (always, also on error; NULL with an exception
 * set is passed through as an error).
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyModule_Add(PyObject *module, const char *name, PyObject *value);

/**
 * `PyModule_AddObjectRef`, stealing `value` only on success (the legacy contract).
 *
 * Returns: 0. Errors: -1 with an exception set (`value` is still the caller's).
 */
int PyModule_AddObject(PyObject *module, const char *name, PyObject *value);

/**
 * Sets `module.name = int(value)`.
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyModule_AddIntConstant(PyObject *module, const char *name, long value);

/**
 * Sets `module.name = str(value)` (UTF-8).
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyModule_AddStringConstant(PyObject *module, const char *name, const char *value);

/**
 * Readies `type` if needed and sets `module.<name> = type`, where name is `tp_name` after
 * its last dot.
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyModule_AddType(PyObject *module, PyTypeObject *tp);

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
 * `hash(op)`: the type's `tp_hash` (a type not readied yet is readied first, as CPython).
 *
 * Returns: the hash (never -1). Errors: -1 with `TypeError` ("unhashable type: 'T'"), what
 * `tp_hash` raised, or `SystemError` for NULL.
 */
Py_hash_t PyObject_Hash(PyObject *op);

/**
 * The `tp_hash` of unhashable types: always raises.
 *
 * Returns: -1 with `TypeError("unhashable type: 'T'")`.
 */
Py_hash_t PyObject_HashNotImplemented(PyObject *op);

/**
 * `v <op> w` for `op` one of `Py_LT`, `Py_LE`, `Py_EQ`, `Py_NE`, `Py_GT`, `Py_GE`: the
 * reflected comparison of a subtype of `v`'s type first, then `v`'s, then `w`'s; `==` and
 * `!=` fall back to identity.
 *
 * Returns: a new reference (usually `True` or `False`, but any object a slot returned).
 * Errors: NULL with `TypeError` ("'<' not supported between instances of 'A' and 'B'"),
 * what a slot raised, or `SystemError` for NULL or a bad `op` (an exception already set
 * is kept for NULL arguments, as CPython).
 */
PyObject *PyObject_RichCompare(PyObject *v, PyObject *w, int op);

/**
 * `PyObject_RichCompare` as a truth value; for `Py_EQ` and `Py_NE`, identity gives the
 * answer without calling the comparison (as CPython).
 *
 * Returns: 1 or 0. Errors: -1 with an exception set.
 */
int PyObject_RichCompareBool(PyObject *v, PyObject *w, int op);

/**
 * `bool(op)`: `nb_bool`, else `mp_length`, else `sq_length`, else true.
 *
 * Returns: 1 or 0. Errors: -1 with what a slot raised, or `SystemError` for NULL.
 */
int PyObject_IsTrue(PyObject *op);

/**
 * `not op`.
 *
 * Returns: 1 or 0. Errors: -1 with an exception set (as `PyObject_IsTrue`).
 */
int PyObject_Not(PyObject *op);

/**
 * Returns: 1 if `op` is callable (its type has `tp_call`), else 0 (also for NULL). Never
 * fails.
 */
int PyCallable_Check(PyObject *op);

/**
 * Writes `repr(op)` to `fp` (`str(op)` with `Py_PRINT_RAW`), as UTF-8; a NULL `op` prints
 * `<nil>`.
 *
 * Returns: 0. Errors: -1 with an exception set (what `repr`/`str` raised, `OSError` from a
 * failed write, `SystemError` for a NULL `fp`).
 */
int PyObject_Print(PyObject *op, FILE *fp, int flags);

/**
 * `ascii(op)`: `repr(op)` with non-ASCII characters escaped (`\xNN`, `\uNNNN`,
 * `\UNNNNNNNN`).
 *
 * Returns: a new reference to a `str`. Errors: NULL with an exception set. A NULL `op`
 * gives `<NULL>`, as CPython.
 */
PyObject *PyObject_ASCII(PyObject *op);

/**
 * `bytes(op)`: a `bytes` object is itself; a buffer is copied; a list, tuple or other
 * iterable of ints in range(256) is converted (`__bytes__` is consulted once attribute
 * lookup exists, issue 4).
 *
 * Returns: a new reference to a `bytes`. Errors: NULL with `TypeError` ("cannot convert 'T'
 * object to bytes"), `ValueError` ("bytes must be in range(0, 256)"). A NULL `op` gives
 * `b'<NULL>'`, as CPython.
 */
PyObject *PyObject_Bytes(PyObject *op);

/**
 * `dir(op)`. Needs attribute lookup (`__dir__`, the type's dict), which comes with issue 4:
 * until then `NotImplementedError`. `PyObject_Dir(NULL)` (the current frame's names) gives
 * CPython's `SystemError("frame does not exist")`, there being no Python frame.
 *
 * Returns: a new reference to a list. Errors: NULL with an exception set.
 */
PyObject *PyObject_Dir(PyObject *op);

/**
 * Guards a recursive `repr` (of a container that may contain itself): records that `op`'s
 * repr is being computed on this thread.
 *
 * Returns: 0 if it was not (it is recorded now: call `Py_ReprLeave(op)` when done), 1 if it
 * already is (print `...` instead); 0 with no thread state attached (nothing to record, as
 * CPython). Errors: -1 with an exception set (`MemoryError`, `SystemError` for NULL).
 */
int Py_ReprEnter(PyObject *op);

/**
 * Ends what `Py_ReprEnter(op)` started. Never fails; the current exception is left alone.
 */
void Py_ReprLeave(PyObject *op);

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
 * Allocates an instance of the GC type `tp` (`tp_basicsize` bytes, zeroed) with the hidden
 * header GC objects have, untracked (what the `PyObject_GC_New` macro calls). Call
 * `PyObject_GC_Track` once its fields are set; free it with `PyObject_GC_Del`.
 *
 * Returns: a new reference. Errors: NULL with `MemoryError`, or `SystemError` for NULL.
 */
PyObject *_PyObject_GC_New(PyTypeObject *tp);

/**
 * Allocates a variable-size instance of the GC type `tp` with room for `nitems` items,
 * untracked (what the `PyObject_GC_NewVar` macro calls).
 *
 * Returns: a new reference. Errors: NULL with `MemoryError` (also when the size overflows),
 * or `SystemError` for NULL or a negative `nitems`.
 */
PyVarObject *_PyObject_GC_NewVar(PyTypeObject *tp, Py_ssize_t nitems);

/**
 * Resizes a variable-size GC object to `nitems` items (what `PyObject_GC_Resize` calls); a
 * tracked object stays tracked.
 *
 * Returns: the object's new address (the old one is invalid), or NULL with the object left
 * as it was.
 * Errors: `MemoryError`; `SystemError` for NULL, a negative `nitems` or an object whose
 * type is not a GC type (CPython corrupts memory there).
 */
PyVarObject *_PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems);

/**
 * Frees a GC object's memory, untracking it first (`tp_free` of GC types). NULL is
 * ignored.
 */
void PyObject_GC_Del(void *op);

/**
 * Starts tracking the GC object `op` in the current interpreter (its fields must be
 * initialized: a collector would traverse it). Does nothing for NULL, an object already
 * tracked or one whose type lacks `Py_TPFLAGS_HAVE_GC` (CPython aborts or corrupts memory
 * there), or with no thread state attached.
 */
void PyObject_GC_Track(void *op);

/**
 * Stops tracking `op` (call it first thing in a GC type's `tp_dealloc`). Does nothing for
 * NULL, an untracked object or one whose type lacks `Py_TPFLAGS_HAVE_GC`.
 */
void PyObject_GC_UnTrack(void *op);

/**
 * Returns: 1 if `op` is a GC object being tracked, else 0 (also for NULL).
 */
int PyObject_GC_IsTracked(PyObject *op);

/**
 * Returns: 1 if the collector has run `op`'s finalizer (`tp_finalize`, which it runs at
 * most once per object), else 0 (also for NULL and objects that are not GC objects).
 */
int PyObject_GC_IsFinalized(PyObject *op);

/**
 * Calls `op`'s `tp_finalize` (PEP 442) unless it has none or, for a GC object, it ran
 * already; a GC object is then marked finalized. NULL is ignored.
 *
 * Errors: whatever the finalizer leaves set (finalizers should report their own errors
 * with `PyErr_WriteUnraisable`).
 */
void PyObject_CallFinalizer(PyObject *op);

/**
 * For a `tp_dealloc` (`op` has no references left): calls the finalizer as
 * `PyObject_CallFinalizer` does, with `op` temporarily resurrected.
 *
 * Returns: 0 if `op` may be freed now; -1 if the finalizer resurrected it (it keeps the
 * references the finalizer created; the dealloc must return without freeing).
 * Errors: -1 without an exception for NULL or an object that still has references
 * (CPython aborts there).
 */
int PyObject_CallFinalizerFromDealloc(PyObject *op);

/**
 * Returns: 1 if `op` is a GC object (its type has `Py_TPFLAGS_HAVE_GC` and `tp_is_gc`,
 * if any, agrees), else 0 (also for NULL).
 */
int PyObject_IS_GC(PyObject *op);

/**
 * Runs a full collection of the current interpreter's cycle collector, if collection is
 * enabled (`PyGC_Disable` makes this return 0 at once, as in CPython; so does a call made
 * while a collection is running, from a finalizer say). An exception set on entry is set
 * again on return; errors raised by finalizers are reported as unraisable.
 *
 * Returns: the number of unreachable objects found (CPython's count); 0 with no thread
 * state attached.
 */
Py_ssize_t PyGC_Collect(void);

/**
 * Enables automatic collection in the current interpreter.
 *
 * Returns: 1 if it was enabled before, else 0 (0 with no thread state attached).
 */
int PyGC_Enable(void);

/**
 * Disables automatic collection in the current interpreter.
 *
 * Returns: 1 if it was enabled before, else 0 (0 with no thread state attached).
 */
int PyGC_Disable(void);

/**
 * Returns: 1 if automatic collection is enabled in the current interpreter, else 0 (0
 * with no thread state attached).
 */
int PyGC_IsEnabled(void);

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
 * Returns: 1 if `o`'s type exports buffers, else 0 (also for NULL).
 */
int PyObject_CheckBuffer(PyObject *o);

/**
 * Fills `view` with `o`'s buffer as `flags` (`PyBUF_*`) requests. The view holds a
 * reference to its exporter (`view->obj`) until `PyBuffer_Release`.
 *
 * Returns: 0.
 * Errors: -1 with `TypeError("a bytes-like object is required, not 'T'")` for a type
 * without the protocol, the exporter's `BufferError` for a request it cannot meet;
 * `SystemError` for `PyBUF_READ`/`PyBUF_WRITE` as flags, or NULL `o` or `view`.
 */
int PyObject_GetBuffer(PyObject *o, Py_buffer *view, int flags);

/**
 * Gives a view back to its exporter and drops its reference (`view->obj` becomes NULL,
 * so a second release does nothing). NULL is fine.
 */
void PyBuffer_Release(Py_buffer *view);

/**
 * For exporters of `len` plain bytes at `buf`: fills `view` as `flags` requests (format
 * `"B"` if asked, one dimension, contiguous), with a new reference to `o` (NULL allowed).
 *
 * Returns: 0.
 * Errors: -1 with `BufferError("Object is not writable.")` for a writable request of a
 * read-only buffer, `BufferError("PyBuffer_FillInfo: view==NULL argument is
 * obsolete")`; `SystemError` for `PyBUF_READ`/`PyBUF_WRITE` as flags.
 */
int PyBuffer_FillInfo(Py_buffer *view,
                      PyObject *o,
                      void *buf,
                      Py_ssize_t len,
                      int readonly,
                      int flags);

/**
 * Returns: 1 if the view is contiguous in `order`: `'C'` (row-major), `'F'`
 * (column-major) or `'A'` (either); else 0 (also for views with suboffsets, another
 * order, or NULL).
 */
int PyBuffer_IsContiguous(const Py_buffer *view, char order);

/**
 * Returns: the address of the item at `indices` (one per dimension, each in range) of a
 * view. A view without strides counts as C-contiguous (CPython requires strides).
 * Errors: NULL if `view` or `indices` is NULL (no exception).
 */
void *PyBuffer_GetPointer(const Py_buffer *view, const Py_ssize_t *indices);

/**
 * Copies the items of `src` into `buf` (`len` bytes, which must be `src->len`),
 * contiguous in `order` (`'F'`: column-major; `'C'` or `'A'`: row-major).
 *
 * Returns: 0.
 * Errors: -1 with `ValueError("PyBuffer_ToContiguous: len != view->len")`; `SystemError`
 * for NULL arguments.
 */
int PyBuffer_ToContiguous(void *buf, const Py_buffer *src, Py_ssize_t len, char order);

/**
 * Copies up to `len` contiguous bytes at `buf` into the items of `view`, in `order`
 * (`'F'`: column-major; else row-major); at most `view->len` bytes, whole items only.
 *
 * Returns: 0.
 * Errors: -1 with `SystemError` for NULL arguments.
 */
int PyBuffer_FromContiguous(const Py_buffer *view, const void *buf, Py_ssize_t len, char order);

/**
 * Fills `strides` (`ndims` entries) for a contiguous array of `shape` with items of
 * `itemsize` bytes: column-major for `order` `'F'`, row-major otherwise. NULL arrays are
 * ignored.
 */
void PyBuffer_FillContiguousStrides(int ndims,
                                    Py_ssize_t *shape,
                                    Py_ssize_t *strides,
                                    int itemsize,
                                    char order);

/**
 * Copies the items of `src`'s buffer into `dest`'s (writable) buffer, position by
 * position in row-major order.
 *
 * Returns: 0.
 * Errors: -1 with `TypeError("both destination and source must be bytes-like
 * objects")`, `BufferError("destination is too small to receive data from source")`,
 * the exporters' errors; `SystemError` for NULL.
 */
int PyObject_CopyData(PyObject *dest, PyObject *src);

/**
 * A capsule holding `pointer`, named `name` (NULL or a string that must outlive the
 * capsule: it is not copied), with `destructor` (NULL or called with the capsule when it
 * is deallocated).
 *
 * Returns: a new reference.
 * Errors: NULL with `ValueError("PyCapsule_New called with null pointer")`,
 * `MemoryError`.
 */
PyObject *PyCapsule_New(void *pointer, const char *name, PyCapsule_Destructor destructor);

/**
 * Returns: the capsule's pointer, if `name` matches its name (both NULL, or equal
 * strings).
 * Errors: NULL with `ValueError("PyCapsule_GetPointer called with incorrect name")` or
 * `ValueError("PyCapsule_GetPointer called with invalid PyCapsule object")`.
 */
void *PyCapsule_GetPointer(PyObject *op, const char *name);

/**
 * Returns: the capsule's name (NULL for a nameless capsule: check `PyErr_Occurred`).
 * Errors: NULL with `ValueError("PyCapsule_GetName called with invalid PyCapsule
 * object")`.
 */
const char *PyCapsule_GetName(PyObject *op);

/**
 * Returns: the capsule's destructor (NULL if it has none: check `PyErr_Occurred`).
 * Errors: NULL with `ValueError("PyCapsule_GetDestructor called with invalid PyCapsule
 * object")`.
 */
PyCapsule_Destructor PyCapsule_GetDestructor(PyObject *op);

/**
 * Returns: the capsule's context (NULL if never set: check `PyErr_Occurred`).
 * Errors: NULL with `ValueError("PyCapsule_GetContext called with invalid PyCapsule
 * object")`.
 */
void *PyCapsule_GetContext(PyObject *op);

/**
 * Replaces the capsule's pointer.
 *
 * Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetPointer called with null
 * pointer")` or `ValueError("PyCapsule_SetPointer called with invalid PyCapsule
 * object")`.
 */
int PyCapsule_SetPointer(PyObject *op, void *pointer);

/**
 * Replaces the capsule's name (NULL or a string that must outlive the capsule).
 *
 * Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetName called with invalid
 * PyCapsule object")`.
 */
int PyCapsule_SetName(PyObject *op, const char *name);

/**
 * Replaces the capsule's destructor (NULL for none).
 *
 * Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetDestructor called with invalid
 * PyCapsule object")`.
 */
int PyCapsule_SetDestructor(PyObject *op, PyCapsule_Destructor destructor);

/**
 * Replaces the capsule's context.
 *
 * Returns: 0. Errors: -1 with `ValueError("PyCapsule_SetContext called with invalid
 * PyCapsule object")`.
 */
int PyCapsule_SetContext(PyObject *op, void *context);

/**
 * Returns: 1 if `op` is a capsule with a pointer whose name matches `name`, else 0.
 * Never raises.
 */
int PyCapsule_IsValid(PyObject *op, const char *name);

/**
 * Imports the capsule named `name` ("package.module.attribute") and returns its pointer.
 * The import system is not there yet, so no module can be found: this raises what CPython
 * raises for a module that does not exist. `no_block` is ignored, as in CPython.
 *
 * Returns: the capsule's pointer.
 * Errors: NULL with `ImportError("PyCapsule_Import could not import module \"M\"")` for
 * the first component `M`, `SystemError` for a NULL `name`.
 */
void *PyCapsule_Import(const char *name, int no_block);

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
 * Takes the exception being handled (`sys.exc_info()`) as (type, value, traceback), each a
 * new reference: `None`, NULL, `None` when nothing is handled (as CPython 3.13).
 */
void PyErr_GetExcInfo(PyObject **ptype, PyObject **pvalue, PyObject **ptraceback);

/**
 * Sets the exception being handled to `value`, stealing all three references (`type` and
 * `traceback` are ignored, as in CPython 3.11+); NULL or `None` clears.
 */
void PyErr_SetExcInfo(PyObject *ptype, PyObject *value, PyObject *traceback);

/**
 * Makes `exc` (stolen) the current exception; if one is already set, `exc` becomes its
 * `__context__` instead (what `raise` inside `except` does). NULL does nothing.
 */
void _PyErr_ChainExceptions1(PyObject *exc);

/**
 * `raise` semantics for a (type, value, traceback) triple: `*val` becomes an instance of
 * `*exc` (the type called with it, unless it already is one; a more derived instance's
 * class replaces `*exc`). Owned references in and out; if creating the instance fails,
 * the triple describes that error instead.
 */
void PyErr_NormalizeException(PyObject **exc, PyObject **val, PyObject **tb);

/**
 * Raises `exc(errno, strerror(errno))`, from the C `errno` (`OSError` picks the subclass:
 * ENOENT gives `FileNotFoundError`, ...; errno 0 gives the message "Error").
 *
 * Returns: NULL, always.
 */
PyObject *PyErr_SetFromErrno(PyObject *exc);

/**
 * Raises `exc(errno, strerror(errno), filename)` from the C `errno` (see
 * `PyErr_SetFromErrno`); a NULL `filename` is left out.
 *
 * Returns: NULL, always.
 */
PyObject *PyErr_SetFromErrnoWithFilenameObject(PyObject *exc, PyObject *filename);

/**
 * Raises `exc(errno, strerror(errno), filename, None, filename2)` from the C `errno`
 * (`str()`: "[Errno 13] Permission denied: 'a' -> 'b'"); NULL file names are left out.
 *
 * Returns: NULL, always. Errors: `SystemError` if `exc` is NULL or not a type.
 */
PyObject *PyErr_SetFromErrnoWithFilenameObjects(PyObject *exc,
                                                PyObject *filename,
                                                PyObject *filename2);

/**
 * Raises `exc(errno, strerror(errno), filename)` from the C `errno`, the file name decoded
 * from UTF-8 (invalid bytes are replaced: subinterp's strings cannot hold CPython's
 * surrogate escapes).
 *
 * Returns: NULL, always.
 */
PyObject *PyErr_SetFromErrnoWithFilename(PyObject *exc, const char *filename);

/**
 * Reports the current exception (cleared) on stderr, for an error that cannot be raised
 * (in a destructor, a callback): "Exception ignored in: repr(obj)" (no such line for NULL
 * or `None`), then "Type: message", as CPython's default `sys.unraisablehook`. Does
 * nothing if no exception is set.
 */
void PyErr_WriteUnraisable(PyObject *obj);

/**
 * A new exception class `name` ("module.Class": the class is named after the last dot,
 * the rest is its `__module__`) deriving from `base` (a class or a tuple of classes;
 * NULL: `Exception`). It is a heap type of the calling interpreter.
 *
 * Returns: a new reference to the class.
 * Errors: NULL with `SystemError` ("PyErr_NewException: name must be module.class"),
 * `TypeError` for unusable bases (CPython's texts: "type 'bool' is not an acceptable base
 * type", "multiple bases have instance lay-out conflict", "duplicate base class X", "Cannot
 * create a consistent method resolution order (MRO) for bases A, B", metaclass conflict).
 * `dict` (NULL or a dict) is copied into the class's namespace; `__module__` comes from
 * `name` unless `dict` has one.
 */
PyObject *PyErr_NewException(const char *name, PyObject *base, PyObject *dict);

/**
 * `PyErr_NewException` with the class's `__doc__` (NULL: none).
 *
 * Returns: a new reference to the class. Errors: NULL with an exception set.
 */
PyObject *PyErr_NewExceptionWithDoc(const char *name,
                                    const char *doc,
                                    PyObject *base,
                                    PyObject *dict);

/**
 * Returns: the name of an exception class (its `tp_name`, borrowed), or NULL (with
 * `SystemError`) if `ob` is not one (CPython asserts).
 */
const char *PyExceptionClass_Name(PyObject *ob);

/**
 * A safe point: hands the GIL to a thread that asked for it (as `Py_MakePendingCalls`
 * does), then runs the cycle collection the allocation threshold scheduled, if any (as
 * CPython 3.13). Signal handlers come with the eval loop.
 *
 * Returns: 0.
 */
int PyErr_CheckSignals(void);

/**
 * Returns: `exc.args` (a new reference to a tuple).
 * Errors: NULL with `SystemError` if `exc` is not an exception instance.
 */
PyObject *PyException_GetArgs(PyObject *exc);

/**
 * `exc.args = args` (`args` borrowed). A tuple is kept as is; another iterable is
 * converted to a tuple (CPython keeps a non-tuple, which breaks `str(exc)` later).
 * Errors (none in CPython) are reported as unraisable.
 */
void PyException_SetArgs(PyObject *exc, PyObject *args);

/**
 * Returns: `exc.__cause__` (a new reference), or NULL (without an exception) if unset.
 */
PyObject *PyException_GetCause(PyObject *exc);

/**
 * `exc.__cause__ = cause`, stealing `cause` (NULL clears); also sets
 * `__suppress_context__`, as `raise ... from cause` does.
 */
void PyException_SetCause(PyObject *exc, PyObject *cause);

/**
 * Returns: `exc.__context__` (a new reference), or NULL (without an exception) if unset.
 */
PyObject *PyException_GetContext(PyObject *exc);

/**
 * `exc.__context__ = context`, stealing `context` (NULL clears).
 */
void PyException_SetContext(PyObject *exc, PyObject *context);

/**
 * Returns: `exc.__traceback__` (a new reference), or NULL (without an exception) if unset.
 * (Tracebacks come with the eval loop: none is set yet.)
 */
PyObject *PyException_GetTraceback(PyObject *exc);

/**
 * `exc.__traceback__ = tb` (`tb` borrowed): a traceback or `None`, which clears.
 *
 * Returns: 0. Errors: -1 with `TypeError("__traceback__ must be a traceback or None")`
 * (traceback objects come with the eval loop, so only `None` is accepted for now).
 */
int PyException_SetTraceback(PyObject *exc, PyObject *tb);

/**
 * Sets the location of the current exception, if it is a `SyntaxError`: `filename`,
 * `lineno`, `offset` (`col_offset`; negative: `None`), `end_lineno`, `end_offset`, and
 * `text` read from the file. CPython sets these on any exception, in its dict: that comes
 * with attributes (issue 4); other exceptions are left unchanged until then.
 */
void PyErr_RangedSyntaxLocationObject(PyObject *filename,
                                      int lineno,
                                      int col_offset,
                                      int end_lineno,
                                      int end_col_offset);

/**
 * `PyErr_RangedSyntaxLocationObject(filename, lineno, col_offset, lineno, -1)`.
 */
void PyErr_SyntaxLocationObject(PyObject *filename, int lineno, int col_offset);

/**
 * `PyErr_SyntaxLocationObject` with the file name as UTF-8 text (NULL: none).
 */
void PyErr_SyntaxLocationEx(const char *filename, int lineno, int col_offset);

/**
 * `PyErr_SyntaxLocationEx(filename, lineno, -1)`.
 */
void PyErr_SyntaxLocation(const char *filename, int lineno);

/**
 * Returns: line `lineno` (from 1) of the file `filename`, with its newline (a new
 * reference to a `str`; invalid UTF-8 replaced; lines cut at 999 bytes, as CPython), or NULL
 * *without* an exception if the file or line does not exist.
 */
PyObject *PyErr_ProgramTextObject(PyObject *filename, int lineno);

/**
 * `PyErr_ProgramTextObject` with the file name as UTF-8 text.
 *
 * Returns: a new reference, or NULL without an exception.
 */
PyObject *PyErr_ProgramText(const char *filename, int lineno);

/**
 * Raises `exception(msg, name=name, path=path)` for a subclass of `ImportError` (NULL
 * `name`/`path` are `None`).
 *
 * Returns: NULL, always. Errors: `TypeError` ("expected a subclass of ImportError",
 * "expected a message argument").
 */
PyObject *PyErr_SetImportErrorSubclass(PyObject *exception,
                                       PyObject *msg,
                                       PyObject *name,
                                       PyObject *path);

/**
 * Raises `ImportError(msg, name=name, path=path)`.
 *
 * Returns: NULL, always.
 */
PyObject *PyErr_SetImportError(PyObject *msg, PyObject *name, PyObject *path);

/**
 * A new `UnicodeDecodeError(encoding, bytes(object[:length]), start, end, reason)`.
 *
 * Returns: a new reference. Errors: NULL with an exception set (`SystemError` for NULL
 * strings or a negative length, `UnicodeDecodeError` for text that is not UTF-8).
 */
PyObject *PyUnicodeDecodeError_Create(const char *encoding,
                                      const char *object,
                                      Py_ssize_t length,
                                      Py_ssize_t start,
                                      Py_ssize_t end,
                                      const char *reason);

/**
 * Returns: the `encoding` of a `UnicodeEncodeError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("encoding attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeEncodeError_GetEncoding(PyObject *exc);

/**
 * Returns: the `object` of a `UnicodeEncodeError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("object attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeEncodeError_GetObject(PyObject *exc);

/**
 * Stores the `start` of a `UnicodeEncodeError` in `*start`, clamped into the object (0 to len-1).
 *
 * Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
 */
int PyUnicodeEncodeError_GetStart(PyObject *exc, Py_ssize_t *start);

/**
 * Sets the `start` of a `UnicodeEncodeError` (not checked against the object, as CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `TypeError` for a wrong object.
 */
int PyUnicodeEncodeError_SetStart(PyObject *exc, Py_ssize_t start);

/**
 * Stores the `end` of a `UnicodeEncodeError` in `*end`, clamped into the object (1 to len).
 *
 * Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
 */
int PyUnicodeEncodeError_GetEnd(PyObject *exc, Py_ssize_t *end);

/**
 * Sets the `end` of a `UnicodeEncodeError` (not checked against the object, as CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `TypeError` for a wrong object.
 */
int PyUnicodeEncodeError_SetEnd(PyObject *exc, Py_ssize_t end);

/**
 * Returns: the `reason` of a `UnicodeEncodeError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("reason attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeEncodeError_GetReason(PyObject *exc);

/**
 * Sets the `reason` of a `UnicodeEncodeError` to the UTF-8 text `reason`.
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyUnicodeEncodeError_SetReason(PyObject *exc, const char *reason);

/**
 * Returns: the `encoding` of a `UnicodeDecodeError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("encoding attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeDecodeError_GetEncoding(PyObject *exc);

/**
 * Returns: the `object` of a `UnicodeDecodeError` (a new reference to a `bytes`).
 * Errors: NULL with `TypeError` ("object attribute must be bytes", wrong object).
 */
PyObject *PyUnicodeDecodeError_GetObject(PyObject *exc);

/**
 * Stores the `start` of a `UnicodeDecodeError` in `*start`, clamped into the object (0 to len-1).
 *
 * Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
 */
int PyUnicodeDecodeError_GetStart(PyObject *exc, Py_ssize_t *start);

/**
 * Sets the `start` of a `UnicodeDecodeError` (not checked against the object, as CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `TypeError` for a wrong object.
 */
int PyUnicodeDecodeError_SetStart(PyObject *exc, Py_ssize_t start);

/**
 * Stores the `end` of a `UnicodeDecodeError` in `*end`, clamped into the object (1 to len).
 *
 * Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
 */
int PyUnicodeDecodeError_GetEnd(PyObject *exc, Py_ssize_t *end);

/**
 * Sets the `end` of a `UnicodeDecodeError` (not checked against the object, as CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `TypeError` for a wrong object.
 */
int PyUnicodeDecodeError_SetEnd(PyObject *exc, Py_ssize_t end);

/**
 * Returns: the `reason` of a `UnicodeDecodeError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("reason attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeDecodeError_GetReason(PyObject *exc);

/**
 * Sets the `reason` of a `UnicodeDecodeError` to the UTF-8 text `reason`.
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyUnicodeDecodeError_SetReason(PyObject *exc, const char *reason);

/**
 * Returns: the `object` of a `UnicodeTranslateError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("object attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeTranslateError_GetObject(PyObject *exc);

/**
 * Stores the `start` of a `UnicodeTranslateError` in `*start`, clamped into the object (0 to len-1).
 *
 * Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
 */
int PyUnicodeTranslateError_GetStart(PyObject *exc,
                                     Py_ssize_t *start);

/**
 * Sets the `start` of a `UnicodeTranslateError` (not checked against the object, as CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `TypeError` for a wrong object.
 */
int PyUnicodeTranslateError_SetStart(PyObject *exc, Py_ssize_t start);

/**
 * Stores the `end` of a `UnicodeTranslateError` in `*end`, clamped into the object (1 to len).
 *
 * Returns: 0. Errors: -1 with `TypeError` (wrong object, bad `object` field).
 */
int PyUnicodeTranslateError_GetEnd(PyObject *exc, Py_ssize_t *end);

/**
 * Sets the `end` of a `UnicodeTranslateError` (not checked against the object, as CPython 3.13).
 *
 * Returns: 0. Errors: -1 with `TypeError` for a wrong object.
 */
int PyUnicodeTranslateError_SetEnd(PyObject *exc, Py_ssize_t end);

/**
 * Returns: the `reason` of a `UnicodeTranslateError` (a new reference to a `str`).
 * Errors: NULL with `TypeError` ("reason attribute must be unicode", wrong object).
 */
PyObject *PyUnicodeTranslateError_GetReason(PyObject *exc);

/**
 * Sets the `reason` of a `UnicodeTranslateError` to the UTF-8 text `reason`.
 *
 * Returns: 0. Errors: -1 with an exception set.
 */
int PyUnicodeTranslateError_SetReason(PyObject *exc, const char *reason);

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
 * Errors: -1 if `interp` is NULL ("no interpreter provided") or not a live interpreter
 * ("not a live interpreter"; CPython reads freed memory there), with `RuntimeError` set
 * when a thread state is attached (with none there is nowhere to set it).
 */
int64_t PyInterpreterState_GetID(PyInterpreterState *interp);

/**
 * The interpreter's dict for extension modules' per-interpreter data
 * (`PyInterpreterState_GetDict`).
 *
 * Returns: a borrowed reference, valid until the interpreter ends; made on first use by a
 * thread attached to `interp`.
 * Errors: NULL with no exception set if `interp` is NULL or not a live interpreter, or
 * the dict does not exist yet and the caller is not attached to `interp` (CPython would
 * allocate it with the caller's interpreter's memory), or it cannot be made.
 */
PyObject *PyInterpreterState_GetDict(PyInterpreterState *interp);

/**
 * The calling thread state's dict, where extensions keep per-thread data
 * (`PyThreadState_GetDict`).
 *
 * Returns: a borrowed reference, valid until the thread state is cleared; made on first use.
 * Errors: NULL with no exception set if no thread state is attached or the dict cannot be
 * made.
 */
PyObject *PyThreadState_GetDict(void);

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
 * Prints the current exception on stderr and clears it: `Type: message`, its notes, and
 * its `__cause__`/`__context__` chain (exception groups as nested boxes). A `SystemExit`
 * ends the process instead (status `code`, 0 for `None`; another `code` is printed and the
 * status is 1), after finalizing when called in the main interpreter, as CPython's
 * `Py_Exit`. Does nothing if no exception is set. `set_sys_last_vars` is for
 * `sys.last_exc`, which comes with the `sys` module.
 */
void PyErr_PrintEx(int set_sys_last_vars);

/**
 * `PyErr_PrintEx(1)`.
 */
void PyErr_Print(void);

/**
 * Prints the exception `value` on stderr as `PyErr_Print` does (without clearing anything
 * or handling `SystemExit`). `exc_type` and `tb` are ignored, as in CPython 3.12+ (the
 * instance carries both). A `value` that is not an exception prints CPython's
 * "TypeError: print_exception(): Exception expected for value, T found".
 */
void PyErr_Display(PyObject *exc_type, PyObject *value, PyObject *tb);

/**
 * `PyErr_Display(NULL, exc, NULL)`.
 */
void PyErr_DisplayException(PyObject *exc);

/**
 * A new set holding the elements of `iterable` (NULL: an empty set).
 *
 * Returns: a new reference. Errors: NULL with an exception set (`TypeError` if `iterable`
 * is not iterable or an element is unhashable, what iterating raised).
 */
PyObject *PySet_New(PyObject *iterable);

/**
 * A new frozenset holding the elements of `iterable` (NULL: an empty frozenset). Until it
 * is shared, `PySet_Add` may still fill it.
 *
 * Returns: a new reference. Errors: NULL with an exception set, as `PySet_New`.
 */
PyObject *PyFrozenSet_New(PyObject *iterable);

/**
 * Adds `key` (the set takes its own reference). Also allowed on a frozenset nobody else
 * holds yet (reference count 1), to fill it after `PyFrozenSet_New`.
 *
 * Returns: 0. Errors: -1 with `TypeError` for an unhashable key, `SystemError` if `set`
 * is neither a set nor a fresh frozenset, or `key` is NULL.
 */
int PySet_Add(PyObject *set, PyObject *key);

/**
 * Removes `key` if present (no `KeyError`).
 *
 * Returns: 1 if it was present, 0 if not. Errors: -1 with `TypeError` for an unhashable
 * key, `SystemError` if `set` is not a set (a frozenset is not) or `key` is NULL.
 */
int PySet_Discard(PyObject *set, PyObject *key);

/**
 * `key in anyset`. Unlike the `in` operator, an unhashable key (a set too) is an error.
 *
 * Returns: 1 or 0. Errors: -1 with `TypeError` for an unhashable key, `SystemError` if
 * `anyset` is not a set or frozenset or `key` is NULL.
 */
int PySet_Contains(PyObject *anyset, PyObject *key);

/**
 * Removes and returns an arbitrary element.
 *
 * Returns: a new reference. Errors: NULL with `KeyError("pop from an empty set")`,
 * `SystemError` if `set` is not a set.
 */
PyObject *PySet_Pop(PyObject *set);

/**
 * Removes every element.
 *
 * Returns: 0. Errors: -1 with `SystemError` if `set` is not a set.
 */
int PySet_Clear(PyObject *set);

/**
 * Returns: the number of elements of a set or frozenset.
 * Errors: -1 with `SystemError` if `anyset` is neither.
 */
Py_ssize_t PySet_Size(PyObject *anyset);

/**
 * A slice `start:stop:step`; a NULL part means `None`.
 *
 * Returns: a new reference.
 * Errors: NULL with `MemoryError`.
 * Ownership: the parts are borrowed (the slice takes new references).
 */
PyObject *PySlice_New(PyObject *start, PyObject *stop, PyObject *step);

/**
 * Extracts a slice's start, stop and step as `Py_ssize_t` (values beyond it clipped),
 * with defaults for `None`: step 1; start 0 (or `PY_SSIZE_T_MAX` for a negative step);
 * stop `PY_SSIZE_T_MAX` (or `PY_SSIZE_T_MIN`). A step below `-PY_SSIZE_T_MAX` is stored
 * as `-PY_SSIZE_T_MAX`. Follow with `PySlice_AdjustIndices`.
 *
 * Returns: 0. Errors: -1 with `ValueError("slice step cannot be zero")`,
 * `TypeError("slice indices must be integers or None or have an __index__ method")`,
 * what `__index__` raised, `SystemError` if `slice` is not a slice or a pointer is NULL.
 */
int PySlice_Unpack(PyObject *slice, Py_ssize_t *start, Py_ssize_t *stop, Py_ssize_t *step);

/**
 * Clips `*start` and `*stop` (from `PySlice_Unpack`) to a sequence of `length` items, in
 * place.
 *
 * Returns: the number of items the slice selects. Never fails for valid arguments (no
 * Python code runs).
 * Errors: -1 with `SystemError` if a pointer is NULL, `step` is 0 or below
 * `-PY_SSIZE_T_MAX` (CPython does not check: division by zero there).
 */
Py_ssize_t PySlice_AdjustIndices(Py_ssize_t length,
                                 Py_ssize_t *start,
                                 Py_ssize_t *stop,
                                 Py_ssize_t step);

/**
 * `PySlice_Unpack` then `PySlice_AdjustIndices` for a sequence of `length` items; the
 * number of items selected goes to `*slicelength` (0 on error). C code compiled with
 * `Python.h` calls the two functions through a macro of this name, as CPython's.
 *
 * Returns: 0. Errors: -1 as `PySlice_Unpack`.
 */
int PySlice_GetIndicesEx(PyObject *slice,
                         Py_ssize_t length,
                         Py_ssize_t *start,
                         Py_ssize_t *stop,
                         Py_ssize_t *step,
                         Py_ssize_t *slicelength);

/**
 * The old interface: start, stop and step of a slice of plain `int`s or `None`, negative
 * values counted from `length`, with no clipping.
 *
 * Returns: 0. Errors: -1 with no exception set if a part is not an `int` or `None`, the
 * step is 0, `stop > length` or `start >= length`; -1 with `OverflowError` if a part does
 * not fit `Py_ssize_t`; -1 with `SystemError` for NULL pointers.
 */
int PySlice_GetIndices(PyObject *slice,
                       Py_ssize_t length,
                       Py_ssize_t *start,
                       Py_ssize_t *stop,
                       Py_ssize_t *step);

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

/**
 * Writes what `interp`'s heap holds into `*out`: its live blocks and bytes, its arenas and
 * large blocks. Objects of an interpreter that shares the main interpreter's allocator
 * (`use_main_obmalloc` with the shared GIL) are counted in main's heap.
 *
 * The calling thread must have a thread state of `interp` attached (the heap is guarded by
 * that interpreter's GIL).
 *
 * Returns: `SUBINTERP_OK`. Errors: `SUBINTERP_ERR_NULL_ARGUMENT`,
 * `SUBINTERP_ERR_INVALID_INTERPRETER`, `SUBINTERP_ERR_NOT_CURRENT` (no thread state of
 * `interp` attached); `*out` is written only on success.
 */
SubinterpResult Subinterp_GetHeapStats(PyInterpreterState *interp, SubinterpHeapStats *out);

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
 * `op[low:high]`: a tuple of the items in that range (bounds clipped to the tuple; a whole
 * exact tuple is returned itself).
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` if `op` is NULL or not a tuple, `MemoryError`.
 */
PyObject *PyTuple_GetSlice(PyObject *op, Py_ssize_t low, Py_ssize_t high);

/**
 * Resizes the tuple `*p` in place to `newsize` items (new slots are NULL, dropped ones are
 * released). Only for an exact tuple nobody else holds yet: its reference count must be 1
 * (the empty tuple is also accepted, and replaced). `*p` may move.
 *
 * Returns: 0, with `*p` the resized tuple (a reference the caller owns).
 * Errors: -1 with `SystemError` if `p` or `*p` is NULL, `*p` is not an exact tuple, is
 * shared, or `newsize` is negative; `MemoryError`. On error `*p` is released and set to
 * NULL (a NULL `p` is left alone).
 * Ownership: steals `*p` and gives back the result in its place.
 */
int _PyTuple_Resize(PyObject **p, Py_ssize_t newsize);

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
 * `type.__name__`: a heap type's own name, a static type's `tp_name` after its last dot.
 *
 * Returns: a new reference to a `str`. Errors: NULL with an exception set.
 */
PyObject *PyType_GetName(PyTypeObject *tp);

/**
 * `type.__qualname__`: a heap type's qualified name, a static type's name (static types
 * are not nested).
 *
 * Returns: a new reference to a `str`. Errors: NULL with an exception set.
 */
PyObject *PyType_GetQualName(PyTypeObject *tp);

/**
 * Decodes the NUL-terminated UTF-8 `s` into a `str`.
 *
 * Returns: a new reference (the shared, immortal `''` or one-character string for those).
 * Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for NULL.
 */
PyObject *PyUnicode_FromString(const char *s);

/**
 * Decodes `size` bytes of UTF-8 at `s` into a `str` (NUL bytes included).
 *
 * Returns: a new reference.
 * Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for a negative
 * size or a NULL `s` with a positive size (CPython's texts).
 */
PyObject *PyUnicode_FromStringAndSize(const char *s, Py_ssize_t size);

/**
 * Decodes `size` bytes of UTF-8 with the error handler `errors` (NULL or "strict",
 * "replace", "ignore", "backslashreplace"). "surrogateescape" and "surrogatepass" act as
 * "strict": a `str` here is UTF-8 and cannot hold the lone surrogates they would make.
 * Other names raise `LookupError` when an error needs the handler, as CPython.
 *
 * Returns: a new reference.
 * Errors: NULL with `UnicodeDecodeError` (CPython's message), `LookupError`, or
 * `SystemError` for a negative size or a NULL `s` with a positive size.
 */
PyObject *PyUnicode_DecodeUTF8(const char *s, Py_ssize_t size, const char *errors);

/**
 * Like `PyUnicode_DecodeUTF8`; if `consumed` is not NULL, an incomplete sequence at the
 * end is not an error: it is left undecoded and `*consumed` says how many bytes were used.
 *
 * Returns: a new reference. Errors: as `PyUnicode_DecodeUTF8`.
 */
PyObject *PyUnicode_DecodeUTF8Stateful(const char *s,
                                       Py_ssize_t size,
                                       const char *errors,
                                       Py_ssize_t *consumed);

/**
 * Decodes `size` bytes of ASCII with the error handler `errors` (as
 * `PyUnicode_DecodeUTF8`); each byte above 0x7F is an error.
 *
 * Returns: a new reference.
 * Errors: NULL with `UnicodeDecodeError`, `LookupError` or `SystemError`.
 */
PyObject *PyUnicode_DecodeASCII(const char *s, Py_ssize_t size, const char *errors);

/**
 * Decodes `size` bytes of Latin-1 (byte `b` is code point `b`); `errors` is ignored.
 *
 * Returns: a new reference.
 * Errors: NULL with `SystemError` for a negative size or NULL `s`, `MemoryError`.
 */
PyObject *PyUnicode_DecodeLatin1(const char *s, Py_ssize_t size, const char *errors);

/**
 * `obj` as an exact `str`: itself if it is one, a copy if it is an instance of a subclass.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError("Can't convert 'T' object to str implicitly")`,
 * `SystemError` for NULL.
 */
PyObject *PyUnicode_FromObject(PyObject *obj);

/**
 * The one-character string of code point `ordinal` (shared and immortal below U+0100).
 *
 * Returns: a new reference.
 * Errors: NULL with `ValueError("chr() arg not in range(0x110000)")`, or `ValueError` for
 * a surrogate (U+D800..U+DFFF), which a UTF-8 `str` cannot hold (CPython stores it).
 */
PyObject *PyUnicode_FromOrdinal(int ordinal);

/**
 * A `str` from `size` wide characters (UTF-32 code points; `size` -1: up to the NUL).
 *
 * Returns: a new reference.
 * Errors: NULL with `ValueError("character U+110000 is not in range [U+0000; U+10ffff]")`
 * for a value that is no code point, `ValueError` for a surrogate (which a UTF-8 `str`
 * cannot hold), `SystemError` for a NULL `w` with a non-zero size or a size below -1.
 */
PyObject *PyUnicode_FromWideChar(const wchar_t *w, Py_ssize_t size);

/**
 * Copies the code points of `unicode` into `w` (at most `size`, then a NUL if room is
 * left). With `w` NULL, reports the size needed.
 *
 * Returns: the number of wide characters written, not counting the NUL; with `w` NULL,
 * the length plus one.
 * Errors: -1 with `TypeError` if `unicode` is not a `str`, `SystemError` for NULL or a
 * negative `size` (CPython crashes on that).
 */
Py_ssize_t PyUnicode_AsWideChar(PyObject *unicode, wchar_t *w, Py_ssize_t size);

/**
 * The code points of `unicode` as a new NUL-terminated wide string (free it with
 * `PyMem_Free`), and its length (without the NUL) in `*size` if `size` is not NULL.
 *
 * Returns: the buffer.
 * Errors: NULL with `ValueError("embedded null character")` if `size` is NULL and the
 * string holds a NUL, `TypeError` for a non-`str`, `SystemError` for NULL, `MemoryError`.
 */
wchar_t *PyUnicode_AsWideCharString(PyObject *unicode, Py_ssize_t *size);

/**
 * The UTF-8 form of a `str`, and its length in bytes in `*size` (if `size` is not NULL).
 *
 * Returns: a pointer into the string (valid as long as it lives; do not modify).
 * Errors: NULL with `TypeError` if `op` is not a `str` (`*size` is then -1, as in 3.13),
 * `SystemError` for NULL.
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
 * The UTF-8 form of a `str` as `bytes`.
 *
 * Returns: a new reference.
 * Errors: NULL with `TypeError` for a non-`str`, `SystemError` for NULL.
 */
PyObject *PyUnicode_AsUTF8String(PyObject *unicode);

/**
 * The string encoded as ASCII, strictly.
 *
 * Returns: a new reference to `bytes`.
 * Errors: NULL with `UnicodeEncodeError` (CPython's message, naming the run of
 * unencodable characters), `TypeError` for a non-`str`, `SystemError` for NULL.
 */
PyObject *PyUnicode_AsASCIIString(PyObject *unicode);

/**
 * The string encoded as Latin-1, strictly.
 *
 * Returns: a new reference to `bytes`.
 * Errors: as `PyUnicode_AsASCIIString` (code points above U+00FF cannot be encoded).
 */
PyObject *PyUnicode_AsLatin1String(PyObject *unicode);

/**
 * Returns: the length of a `str` in code points.
 * Errors: -1 with `TypeError` if `op` is not a `str`, `SystemError` for NULL.
 */
Py_ssize_t PyUnicode_GetLength(PyObject *op);

/**
 * Returns: code point `index` of `unicode` (O(1): long non-ASCII strings keep an index).
 * Errors: `(Py_UCS4)-1` with `IndexError("string index out of range")`, `TypeError` for
 * a non-`str`, `SystemError` for NULL.
 */
Py_UCS4 PyUnicode_ReadChar(PyObject *unicode, Py_ssize_t index);

/**
 * Interns `*p` in the calling thread's interpreter: replaces it with the string of that
 * text already interned there (dropping the reference to `*p` and taking one to that), or
 * records `*p` itself. Each interpreter has its own table. Interned strings stay mortal
 * (as in CPython 3.13): the table does not keep them alive. Objects that are not exact
 * `str`s, and a NULL `*p`, are left alone.
 *
 * Errors: none (memory shortage leaves the string un-interned); a NULL `p` raises
 * `SystemError` (CPython crashes).
 */
void PyUnicode_InternInPlace(PyObject **p);

/**
 * The interned string holding the UTF-8 text `v` (see `PyUnicode_InternInPlace`).
 *
 * Returns: a new reference.
 * Errors: NULL with `UnicodeDecodeError` for invalid UTF-8, `SystemError` for NULL.
 */
PyObject *PyUnicode_InternFromString(const char *v);

/**
 * Code points `start..end` of `unicode` (`end` is clipped to the length; `start >= end`
 * gives `''`; all of an exact `str` gives the string itself).
 *
 * Returns: a new reference.
 * Errors: NULL with `IndexError("string index out of range")` for a negative bound,
 * `TypeError` for a non-`str` (CPython reads it as one), `SystemError` for NULL.
 */
PyObject *PyUnicode_Substring(PyObject *unicode, Py_ssize_t start, Py_ssize_t end);

/**
 * `left + right`.
 *
 * Returns: a new reference (one operand itself when the other is empty).
 * Errors: NULL with `TypeError("must be str, not T")` for the left operand,
 * `TypeError('can only concatenate str (not "T") to str')` for the right,
 * `OverflowError`, `SystemError` for NULL.
 */
PyObject *PyUnicode_Concat(PyObject *left, PyObject *right);

/**
 * `*pleft += right`: replaces `*pleft` (whose reference is dropped) with the
 * concatenation, or with NULL on error.
 *
 * Errors: `*pleft` set to NULL with an exception set: `SystemError("bad argument to
 * internal function")` unless both are `str`s (CPython's check), or the concatenation's
 * error; a NULL `*pleft` stays NULL (with `SystemError` unless an exception is already
 * set); a NULL `pleft` raises `SystemError`.
 */
void PyUnicode_Append(PyObject **pleft, PyObject *right);

/**
 * `PyUnicode_Append`, then drops the reference to `right` (stolen).
 */
void PyUnicode_AppendAndDel(PyObject **pleft, PyObject *right);

/**
 * `separator.join(seq)` for any iterable `seq` of `str`s (a NULL separator is a space).
 *
 * Returns: a new reference (an exact `str` alone is returned itself).
 * Errors: NULL with `TypeError("can only join an iterable")`, `TypeError("sequence item
 * 1: expected str instance, int found")`, `TypeError("separator: expected str instance,
 * int found")`, `OverflowError`, or `SystemError("null argument to internal routine")`
 * for a NULL `seq` (CPython's text).
 */
PyObject *PyUnicode_Join(PyObject *separator, PyObject *seq);

/**
 * `s.split(sep, maxsplit)`: split at runs of whitespace when `sep` is NULL, else at `sep`;
 * at most `maxsplit` splits (negative: no limit).
 *
 * Returns: a new reference to a list of `str`s.
 * Errors: NULL with `TypeError("must be str, not T")`, `ValueError("empty separator")`,
 * `SystemError` for a NULL `s`.
 */
PyObject *PyUnicode_Split(PyObject *s, PyObject *sep, Py_ssize_t maxsplit);

/**
 * Returns: 1 if `element` occurs in `container`, 0 if not.
 * Errors: -1 with `TypeError("'in <string>' requires string as left operand, not T")`
 * for a non-`str` element, `TypeError("must be str, not T")` for the container,
 * `SystemError` for NULL.
 */
int PyUnicode_Contains(PyObject *container, PyObject *element);

/**
 * Where `substr` occurs in `str[start:end]` (slice semantics: negative bounds count from
 * the end): the first occurrence if `direction > 0`, else the last.
 *
 * Returns: the code point index, or -1 if absent.
 * Errors: -2 with `TypeError("must be str, not T")`, `SystemError` for NULL.
 */
Py_ssize_t PyUnicode_Find(PyObject *str,
                          PyObject *substr,
                          Py_ssize_t start,
                          Py_ssize_t end,
                          int direction);

/**
 * Like `PyUnicode_Find` for the code point `ch`.
 *
 * Returns: its index, or -1 if absent (also for a value that is no code point).
 * Errors: -2 with `TypeError` if `str` is not a `str` (CPython reads it as one),
 * `SystemError` for NULL.
 */
Py_ssize_t PyUnicode_FindChar(PyObject *str,
                              Py_UCS4 ch,
                              Py_ssize_t start,
                              Py_ssize_t end,
                              int direction);

/**
 * Returns: the number of non-overlapping occurrences of `substr` in `str[start:end]`
 * (an empty `substr` occurs between every two characters and at both ends).
 * Errors: -1 with `TypeError("must be str, not T")`, `SystemError` for NULL.
 */
Py_ssize_t PyUnicode_Count(PyObject *str, PyObject *substr, Py_ssize_t start, Py_ssize_t end);

/**
 * `str.replace(substr, replstr, maxcount)` (every occurrence for a negative `maxcount`).
 *
 * Returns: a new reference (`str` itself when nothing is replaced).
 * Errors: NULL with `TypeError("must be str, not T")`, `OverflowError`, `SystemError`
 * for NULL.
 */
PyObject *PyUnicode_Replace(PyObject *str,
                            PyObject *substr,
                            PyObject *replstr,
                            Py_ssize_t maxcount);

/**
 * Compares two strings by code points.
 *
 * Returns: -1, 0 or 1.
 * Errors: -1 with `TypeError("Can't compare T and U")` unless both are `str`s,
 * `SystemError` for NULL.
 */
int PyUnicode_Compare(PyObject *left, PyObject *right);

/**
 * Compares a string with the NUL-terminated C string `string`, each byte taken as a code
 * point (Latin-1).
 *
 * Returns: -1, 0 or 1 (a NUL inside `uni` makes it the longer one).
 * Errors: none for valid arguments (as CPython); for a non-`str` `uni`, -1 with
 * `TypeError`, and for NULL, -1 with `SystemError` (CPython crashes on both).
 */
int PyUnicode_CompareWithASCIIString(PyObject *uni, const char *string);

/**
 * Returns: 1 if `unicode` is a `str` whose UTF-8 form is the NUL-terminated `string`,
 * else 0 (never raises for a non-`str`, as CPython).
 * Errors: 0 with `SystemError` for a NULL argument (CPython crashes).
 */
int PyUnicode_EqualToUTF8(PyObject *unicode, const char *string);

/**
 * Returns: 1 if `unicode` is a `str` whose UTF-8 form is the `size` bytes at `string`,
 * else 0 (never raises for a non-`str` or a negative size, as CPython).
 * Errors: 0 with `SystemError` for a NULL `unicode`, or a NULL `string` with a positive
 * `size`.
 */
int PyUnicode_EqualToUTF8AndSize(PyObject *unicode, const char *string, Py_ssize_t size);

/**
 * Compares two strings with the operator `op` (`Py_LT` ... `Py_GE`).
 *
 * Returns: a new reference to `True` or `False`, or `NotImplemented` unless both are
 * `str`s.
 * Errors: NULL with `SystemError` for NULL or a bad `op`.
 */
PyObject *PyUnicode_RichCompare(PyObject *left, PyObject *right, int op);

/**
 * Issues a warning of `category` (NULL: `RuntimeWarning`) with the UTF-8 `message`. With
 * no Python frame it is attributed to `<sys>:0` and shown once per (message, category) in
 * an interpreter, unless the default filters ignore the category (`DeprecationWarning`,
 * `PendingDeprecationWarning`, `ImportWarning`, `ResourceWarning`). `stack_level` counts
 * Python frames, of which there are none yet.
 *
 * Returns: 0. Errors: -1 with an exception set if the warning became an error (not with
 * the default filters) or `message` is NULL or not UTF-8.
 */
int PyErr_WarnEx(PyObject *category, const char *message, Py_ssize_t stack_level);

/**
 * Issues a warning attributed to `filename:lineno` in `module` (NULL: the file name
 * without `.py`), all UTF-8; with a `registry` (a dict or `None`) it is shown once.
 *
 * Returns: 0. Errors: -1 with an exception set (`TypeError` for a registry that is not a
 * dict or `None`, `SystemError` for NULL strings).
 */
int PyErr_WarnExplicit(PyObject *category,
                       const char *message,
                       const char *filename,
                       int lineno,
                       const char *module,
                       PyObject *registry);

/**
 * `PyErr_WarnExplicit` with the message, file name and module as `str` objects.
 *
 * Returns: 0. Errors: -1 with an exception set (`SystemError` for NULL or non-`str`
 * arguments).
 */
int PyErr_WarnExplicitObject(PyObject *category,
                             PyObject *message,
                             PyObject *filename,
                             int lineno,
                             PyObject *module,
                             PyObject *registry);

/**
 * A weak reference to `ob`: calling it returns `ob` while `ob` lives, None after.
 *
 * Parameters: `callback` (borrowed; NULL or None for none) is called with the dead weak
 * reference once `ob` is gone, if the reference itself still lives.
 * Returns: a new reference. Without a callback, the existing callback-less reference to `ob`
 * is returned if there is one (CPython shares it).
 * Errors: NULL with `TypeError` "cannot create weak reference to 'T' object" when `ob`'s
 * type has no weak reference list; `SystemError` for a NULL `ob` (CPython crashes).
 */
PyObject *PyWeakref_NewRef(PyObject *ob, PyObject *callback);

/**
 * A weak proxy to `ob`: it forwards the object protocols (numbers, sequences, mappings,
 * iteration, comparison, str, attributes; and calls, as `weakref.CallableProxyType`, when
 * `ob` is callable) and raises `ReferenceError` "weakly-referenced object no longer exists"
 * once `ob` is gone. Proxies are unhashable.
 *
 * Parameters: `callback` as for `PyWeakref_NewRef`.
 * Returns: a new reference; the callback-less proxy is shared, as the reference is.
 * Errors: as `PyWeakref_NewRef`.
 */
PyObject *PyWeakref_NewProxy(PyObject *ob, PyObject *callback);

/**
 * The referent of the weak reference or proxy `ref` (CPython 3.13).
 *
 * Returns: 1 with `*pobj` a new (strong) reference to the referent; 0 with `*pobj` NULL
 * when it is gone; -1 with `*pobj` NULL on error.
 * Errors: `TypeError` "expected a weakref" when `ref` is not one; `SystemError` "bad
 * argument to internal function" for a NULL `ref`. A NULL `pobj` also gives -1 and
 * `SystemError` (CPython crashes).
 */
int PyWeakref_GetRef(PyObject *r, PyObject **pobj);

/**
 * The referent of `ref`, or None once it is gone. Deprecated in CPython 3.13 (use
 * `PyWeakref_GetRef`): the referent can die while the caller uses it.
 *
 * Returns: a borrowed reference.
 * Errors: NULL with `SystemError` "bad argument to internal function" when `ref` is NULL
 * or not a weak reference.
 */
PyObject *PyWeakref_GetObject(PyObject *r);

/**
 * Clears the weak references to `op`, which a type's `tp_dealloc` calls while `op`'s
 * count is 0 (before freeing it): every reference reads as dead from then on, and the
 * callbacks then run, newest registration first, each with its reference. An exception a
 * callback raises is reported as unraisable (as `PyErr_WriteUnraisable`) and does not
 * propagate; an exception set before the call is kept.
 *
 * Errors: `SystemError` "bad argument to internal function" (nothing cleared) for a NULL
 * `op`, a type without weak references, or a count other than 0.
 */
void PyObject_ClearWeakRefs(PyObject *op);

/**
 * Clears the weak references to `op` without calling their callbacks (CPython 3.13's
 * unstable API): each reference reads as dead and keeps its callback until it dies.
 * Objects whose type has no weak reference list are left alone.
 *
 * Errors: none; a NULL `op` does nothing.
 */
void PyUnstable_Object_ClearWeakRefsNoCallbacks(PyObject *op);

/**
 * Detaches the weak reference `self` from its referent (it reads as dead) and keeps its
 * callback uncalled (CPython's `_PyWeakref_ClearRef`, used by collectors).
 *
 * Errors: none; NULL or an object that is not a weak reference does nothing (CPython
 * asserts).
 */
void _PyWeakref_ClearRef(PyWeakReference *self_);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* SUBINTERP_H */
