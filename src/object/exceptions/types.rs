//! The builtin exception types: for each, the static type object (`_PyExc_X`) and the
//! `PyObject *` variable C code names it by (`PyExc_X`), in CPython 3.13's hierarchy.
//! Written out literally (not by a macro) so cbindgen declares them in the header.

use super::*;

/// The `BaseException` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_BaseException: PyTypeObject = PyTypeObject {
    tp_base: std::ptr::null_mut(),
    ..exc_type(&raw mut typeobject::PyType_Type, c"BaseException", c"Common base class for all exceptions")
};

/// `BaseException`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_BaseException: *mut PyObject = (&raw mut _PyExc_BaseException).cast();

/// The `BaseExceptionGroup` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_BaseExceptionGroup: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_BaseException,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"BaseExceptionGroup",
        c"A combination of multiple unrelated exceptions.",
        &group::GROUP,
    )
};

/// `BaseExceptionGroup`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_BaseExceptionGroup: *mut PyObject = (&raw mut _PyExc_BaseExceptionGroup).cast();

/// The `ExceptionGroup` type object: derives from `BaseExceptionGroup` (its layout) and
/// `Exception` (CPython makes it a heap type per interpreter; a static type with two bases
/// serves every interpreter here). Its `tp_bases` is set at initialization.
#[unsafe(no_mangle)]
pub static mut _PyExc_ExceptionGroup: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_BaseExceptionGroup,
    tp_doc: std::ptr::null(),
    ..exc_type_with(&raw mut typeobject::PyType_Type, c"ExceptionGroup", c"", &group::GROUP)
};

/// `ExceptionGroup`, as C code names it (subinterp's: CPython 3.13 exports no such symbol).
#[unsafe(no_mangle)]
pub static mut PyExc_ExceptionGroup: *mut PyObject = (&raw mut _PyExc_ExceptionGroup).cast();

/// The `GeneratorExit` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_GeneratorExit: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_BaseException,
    ..exc_type(&raw mut typeobject::PyType_Type, c"GeneratorExit", c"Request that a generator exit.")
};

/// `GeneratorExit`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_GeneratorExit: *mut PyObject = (&raw mut _PyExc_GeneratorExit).cast();

/// The `KeyboardInterrupt` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_KeyboardInterrupt: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_BaseException,
    ..exc_type(&raw mut typeobject::PyType_Type, c"KeyboardInterrupt", c"Program interrupted by user.")
};

/// `KeyboardInterrupt`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_KeyboardInterrupt: *mut PyObject = (&raw mut _PyExc_KeyboardInterrupt).cast();

/// The `SystemExit` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_SystemExit: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_BaseException,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"SystemExit",
        c"Request to exit from the interpreter.",
        &fields::SYSTEM_EXIT,
    )
};

/// `SystemExit`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_SystemExit: *mut PyObject = (&raw mut _PyExc_SystemExit).cast();

/// The `Exception` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_Exception: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_BaseException,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"Exception",
        c"Common base class for all non-exit exceptions.",
    )
};

/// `Exception`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_Exception: *mut PyObject = (&raw mut _PyExc_Exception).cast();

/// The `ArithmeticError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ArithmeticError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"ArithmeticError", c"Base class for arithmetic errors.")
};

/// `ArithmeticError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ArithmeticError: *mut PyObject = (&raw mut _PyExc_ArithmeticError).cast();

/// The `FloatingPointError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_FloatingPointError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ArithmeticError,
    ..exc_type(&raw mut typeobject::PyType_Type, c"FloatingPointError", c"Floating-point operation failed.")
};

/// `FloatingPointError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_FloatingPointError: *mut PyObject = (&raw mut _PyExc_FloatingPointError).cast();

/// The `OverflowError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_OverflowError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ArithmeticError,
    ..exc_type(&raw mut typeobject::PyType_Type, c"OverflowError", c"Result too large to be represented.")
};

/// `OverflowError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_OverflowError: *mut PyObject = (&raw mut _PyExc_OverflowError).cast();

/// The `ZeroDivisionError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ZeroDivisionError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ArithmeticError,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"ZeroDivisionError",
        c"Second argument to a division or modulo operation was zero.",
    )
};

/// `ZeroDivisionError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ZeroDivisionError: *mut PyObject = (&raw mut _PyExc_ZeroDivisionError).cast();

/// The `AssertionError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_AssertionError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"AssertionError", c"Assertion failed.")
};

/// `AssertionError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_AssertionError: *mut PyObject = (&raw mut _PyExc_AssertionError).cast();

/// The `AttributeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_AttributeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"AttributeError",
        c"Attribute not found.",
        &fields::ATTRIBUTE_ERROR,
    )
};

/// `AttributeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_AttributeError: *mut PyObject = (&raw mut _PyExc_AttributeError).cast();

/// The `BufferError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_BufferError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"BufferError", c"Buffer error.")
};

/// `BufferError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_BufferError: *mut PyObject = (&raw mut _PyExc_BufferError).cast();

/// The `EOFError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_EOFError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"EOFError", c"Read beyond end of file.")
};

/// `EOFError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_EOFError: *mut PyObject = (&raw mut _PyExc_EOFError).cast();

/// The `ImportError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ImportError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ImportError",
        c"Import can't find module, or can't find name in module.",
        &fields::IMPORT_ERROR,
    )
};

/// `ImportError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ImportError: *mut PyObject = (&raw mut _PyExc_ImportError).cast();

/// The `ModuleNotFoundError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ModuleNotFoundError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ImportError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ModuleNotFoundError",
        c"Module not found.",
        &fields::IMPORT_ERROR,
    )
};

/// `ModuleNotFoundError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ModuleNotFoundError: *mut PyObject = (&raw mut _PyExc_ModuleNotFoundError).cast();

/// The `LookupError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_LookupError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"LookupError", c"Base class for lookup errors.")
};

/// `LookupError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_LookupError: *mut PyObject = (&raw mut _PyExc_LookupError).cast();

/// The `IndexError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_IndexError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_LookupError,
    ..exc_type(&raw mut typeobject::PyType_Type, c"IndexError", c"Sequence index out of range.")
};

/// `IndexError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_IndexError: *mut PyObject = (&raw mut _PyExc_IndexError).cast();

/// The `KeyError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_KeyError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_LookupError,
    tp_str: Some(keyerror_str),
    ..exc_type(&raw mut typeobject::PyType_Type, c"KeyError", c"Mapping key not found.")
};

/// `KeyError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_KeyError: *mut PyObject = (&raw mut _PyExc_KeyError).cast();

/// The `MemoryError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_MemoryError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"MemoryError", c"Out of memory.")
};

/// `MemoryError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_MemoryError: *mut PyObject = (&raw mut _PyExc_MemoryError).cast();

/// The `NameError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_NameError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"NameError",
        c"Name not found globally.",
        &fields::NAME_ERROR,
    )
};

/// `NameError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_NameError: *mut PyObject = (&raw mut _PyExc_NameError).cast();

/// The `UnboundLocalError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UnboundLocalError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_NameError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"UnboundLocalError",
        c"Local name referenced but not bound to a value.",
        &fields::NAME_ERROR,
    )
};

/// `UnboundLocalError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UnboundLocalError: *mut PyObject = (&raw mut _PyExc_UnboundLocalError).cast();

/// The `OSError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_OSError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"OSError",
        c"Base class for I/O related errors.",
        &oserror::OSERROR,
    )
};

/// `OSError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_OSError: *mut PyObject = (&raw mut _PyExc_OSError).cast();

/// The `BlockingIOError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_BlockingIOError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"BlockingIOError",
        c"I/O operation would block.",
        &oserror::OSERROR,
    )
};

/// `BlockingIOError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_BlockingIOError: *mut PyObject = (&raw mut _PyExc_BlockingIOError).cast();

/// The `ChildProcessError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ChildProcessError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ChildProcessError",
        c"Child process error.",
        &oserror::OSERROR,
    )
};

/// `ChildProcessError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ChildProcessError: *mut PyObject = (&raw mut _PyExc_ChildProcessError).cast();

/// The `ConnectionError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ConnectionError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ConnectionError",
        c"Connection error.",
        &oserror::OSERROR,
    )
};

/// `ConnectionError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ConnectionError: *mut PyObject = (&raw mut _PyExc_ConnectionError).cast();

/// The `BrokenPipeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_BrokenPipeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ConnectionError,
    ..exc_type_with(&raw mut typeobject::PyType_Type, c"BrokenPipeError", c"Broken pipe.", &oserror::OSERROR)
};

/// `BrokenPipeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_BrokenPipeError: *mut PyObject = (&raw mut _PyExc_BrokenPipeError).cast();

/// The `ConnectionAbortedError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ConnectionAbortedError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ConnectionError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ConnectionAbortedError",
        c"Connection aborted.",
        &oserror::OSERROR,
    )
};

/// `ConnectionAbortedError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ConnectionAbortedError: *mut PyObject = (&raw mut _PyExc_ConnectionAbortedError).cast();

/// The `ConnectionRefusedError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ConnectionRefusedError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ConnectionError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ConnectionRefusedError",
        c"Connection refused.",
        &oserror::OSERROR,
    )
};

/// `ConnectionRefusedError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ConnectionRefusedError: *mut PyObject = (&raw mut _PyExc_ConnectionRefusedError).cast();

/// The `ConnectionResetError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ConnectionResetError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ConnectionError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ConnectionResetError",
        c"Connection reset.",
        &oserror::OSERROR,
    )
};

/// `ConnectionResetError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ConnectionResetError: *mut PyObject = (&raw mut _PyExc_ConnectionResetError).cast();

/// The `FileExistsError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_FileExistsError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"FileExistsError",
        c"File already exists.",
        &oserror::OSERROR,
    )
};

/// `FileExistsError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_FileExistsError: *mut PyObject = (&raw mut _PyExc_FileExistsError).cast();

/// The `FileNotFoundError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_FileNotFoundError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"FileNotFoundError",
        c"File not found.",
        &oserror::OSERROR,
    )
};

/// `FileNotFoundError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_FileNotFoundError: *mut PyObject = (&raw mut _PyExc_FileNotFoundError).cast();

/// The `InterruptedError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_InterruptedError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"InterruptedError",
        c"Interrupted by signal.",
        &oserror::OSERROR,
    )
};

/// `InterruptedError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_InterruptedError: *mut PyObject = (&raw mut _PyExc_InterruptedError).cast();

/// The `IsADirectoryError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_IsADirectoryError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"IsADirectoryError",
        c"Operation doesn't work on directories.",
        &oserror::OSERROR,
    )
};

/// `IsADirectoryError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_IsADirectoryError: *mut PyObject = (&raw mut _PyExc_IsADirectoryError).cast();

/// The `NotADirectoryError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_NotADirectoryError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"NotADirectoryError",
        c"Operation only works on directories.",
        &oserror::OSERROR,
    )
};

/// `NotADirectoryError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_NotADirectoryError: *mut PyObject = (&raw mut _PyExc_NotADirectoryError).cast();

/// The `PermissionError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_PermissionError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"PermissionError",
        c"Not enough permissions.",
        &oserror::OSERROR,
    )
};

/// `PermissionError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_PermissionError: *mut PyObject = (&raw mut _PyExc_PermissionError).cast();

/// The `ProcessLookupError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ProcessLookupError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"ProcessLookupError",
        c"Process not found.",
        &oserror::OSERROR,
    )
};

/// `ProcessLookupError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ProcessLookupError: *mut PyObject = (&raw mut _PyExc_ProcessLookupError).cast();

/// The `TimeoutError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_TimeoutError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_OSError,
    ..exc_type_with(&raw mut typeobject::PyType_Type, c"TimeoutError", c"Timeout expired.", &oserror::OSERROR)
};

/// `TimeoutError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_TimeoutError: *mut PyObject = (&raw mut _PyExc_TimeoutError).cast();

/// The `ReferenceError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ReferenceError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"ReferenceError",
        c"Weak ref proxy used after referent went away.",
    )
};

/// `ReferenceError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ReferenceError: *mut PyObject = (&raw mut _PyExc_ReferenceError).cast();

/// The `RuntimeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_RuntimeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"RuntimeError", c"Unspecified run-time error.")
};

/// `RuntimeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_RuntimeError: *mut PyObject = (&raw mut _PyExc_RuntimeError).cast();

/// The `NotImplementedError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_NotImplementedError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_RuntimeError,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"NotImplementedError",
        c"Method or function hasn't been implemented yet.",
    )
};

/// `NotImplementedError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_NotImplementedError: *mut PyObject = (&raw mut _PyExc_NotImplementedError).cast();

/// The `PythonFinalizationError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_PythonFinalizationError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_RuntimeError,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"PythonFinalizationError",
        c"Operation blocked during Python finalization.",
    )
};

/// `PythonFinalizationError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_PythonFinalizationError: *mut PyObject =
    (&raw mut _PyExc_PythonFinalizationError).cast();

/// The `RecursionError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_RecursionError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_RuntimeError,
    ..exc_type(&raw mut typeobject::PyType_Type, c"RecursionError", c"Recursion limit exceeded.")
};

/// `RecursionError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_RecursionError: *mut PyObject = (&raw mut _PyExc_RecursionError).cast();

/// The `StopAsyncIteration` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_StopAsyncIteration: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"StopAsyncIteration",
        c"Signal the end from iterator.__anext__().",
    )
};

/// `StopAsyncIteration`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_StopAsyncIteration: *mut PyObject = (&raw mut _PyExc_StopAsyncIteration).cast();

/// The `StopIteration` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_StopIteration: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"StopIteration",
        c"Signal the end from iterator.__next__().",
        &fields::STOP_ITERATION,
    )
};

/// `StopIteration`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_StopIteration: *mut PyObject = (&raw mut _PyExc_StopIteration).cast();

/// The `SyntaxError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_SyntaxError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"SyntaxError",
        c"Invalid syntax.",
        &fields::SYNTAX_ERROR,
    )
};

/// `SyntaxError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_SyntaxError: *mut PyObject = (&raw mut _PyExc_SyntaxError).cast();

/// The `IndentationError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_IndentationError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_SyntaxError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"IndentationError",
        c"Improper indentation.",
        &fields::SYNTAX_ERROR,
    )
};

/// `IndentationError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_IndentationError: *mut PyObject = (&raw mut _PyExc_IndentationError).cast();

/// The `TabError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_TabError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_IndentationError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"TabError",
        c"Improper mixture of spaces and tabs.",
        &fields::SYNTAX_ERROR,
    )
};

/// `TabError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_TabError: *mut PyObject = (&raw mut _PyExc_TabError).cast();

/// The `SystemError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_SystemError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"SystemError", c"Internal error in the Python interpreter.\n\nPlease report this to the Python maintainer, along with the traceback,\nthe Python version, and the hardware/OS platform and version.")
};

/// `SystemError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_SystemError: *mut PyObject = (&raw mut _PyExc_SystemError).cast();

/// The `TypeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_TypeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"TypeError", c"Inappropriate argument type.")
};

/// `TypeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_TypeError: *mut PyObject = (&raw mut _PyExc_TypeError).cast();

/// The `ValueError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ValueError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"ValueError",
        c"Inappropriate argument value (of correct type).",
    )
};

/// `ValueError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ValueError: *mut PyObject = (&raw mut _PyExc_ValueError).cast();

/// The `UnicodeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UnicodeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_ValueError,
    ..exc_type(&raw mut typeobject::PyType_Type, c"UnicodeError", c"Unicode related error.")
};

/// `UnicodeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UnicodeError: *mut PyObject = (&raw mut _PyExc_UnicodeError).cast();

/// The `UnicodeDecodeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UnicodeDecodeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_UnicodeError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"UnicodeDecodeError",
        c"Unicode decoding error.",
        &unicode::DECODE,
    )
};

/// `UnicodeDecodeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UnicodeDecodeError: *mut PyObject = (&raw mut _PyExc_UnicodeDecodeError).cast();

/// The `UnicodeEncodeError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UnicodeEncodeError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_UnicodeError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"UnicodeEncodeError",
        c"Unicode encoding error.",
        &unicode::ENCODE,
    )
};

/// `UnicodeEncodeError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UnicodeEncodeError: *mut PyObject = (&raw mut _PyExc_UnicodeEncodeError).cast();

/// The `UnicodeTranslateError` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UnicodeTranslateError: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_UnicodeError,
    ..exc_type_with(
        &raw mut typeobject::PyType_Type,
        c"UnicodeTranslateError",
        c"Unicode translation error.",
        &unicode::TRANSLATE,
    )
};

/// `UnicodeTranslateError`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UnicodeTranslateError: *mut PyObject = (&raw mut _PyExc_UnicodeTranslateError).cast();

/// The `Warning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_Warning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Exception,
    ..exc_type(&raw mut typeobject::PyType_Type, c"Warning", c"Base class for warning categories.")
};

/// `Warning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_Warning: *mut PyObject = (&raw mut _PyExc_Warning).cast();

/// The `BytesWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_BytesWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(&raw mut typeobject::PyType_Type, c"BytesWarning", c"Base class for warnings about bytes and buffer related problems, mostly\nrelated to conversion from str or comparing to str.")
};

/// `BytesWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_BytesWarning: *mut PyObject = (&raw mut _PyExc_BytesWarning).cast();

/// The `DeprecationWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_DeprecationWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"DeprecationWarning",
        c"Base class for warnings about deprecated features.",
    )
};

/// `DeprecationWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_DeprecationWarning: *mut PyObject = (&raw mut _PyExc_DeprecationWarning).cast();

/// The `EncodingWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_EncodingWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"EncodingWarning",
        c"Base class for warnings about encodings.",
    )
};

/// `EncodingWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_EncodingWarning: *mut PyObject = (&raw mut _PyExc_EncodingWarning).cast();

/// The `FutureWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_FutureWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"FutureWarning",
        c"Base class for warnings about constructs that will change semantically\nin the future.",
    )
};

/// `FutureWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_FutureWarning: *mut PyObject = (&raw mut _PyExc_FutureWarning).cast();

/// The `ImportWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ImportWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"ImportWarning",
        c"Base class for warnings about probable mistakes in module imports",
    )
};

/// `ImportWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ImportWarning: *mut PyObject = (&raw mut _PyExc_ImportWarning).cast();

/// The `PendingDeprecationWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_PendingDeprecationWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"PendingDeprecationWarning",
        c"Base class for warnings about features which will be deprecated\nin the future.",
    )
};

/// `PendingDeprecationWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_PendingDeprecationWarning: *mut PyObject =
    (&raw mut _PyExc_PendingDeprecationWarning).cast();

/// The `ResourceWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_ResourceWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"ResourceWarning",
        c"Base class for warnings about resource usage.",
    )
};

/// `ResourceWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_ResourceWarning: *mut PyObject = (&raw mut _PyExc_ResourceWarning).cast();

/// The `RuntimeWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_RuntimeWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"RuntimeWarning",
        c"Base class for warnings about dubious runtime behavior.",
    )
};

/// `RuntimeWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_RuntimeWarning: *mut PyObject = (&raw mut _PyExc_RuntimeWarning).cast();

/// The `SyntaxWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_SyntaxWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"SyntaxWarning",
        c"Base class for warnings about dubious syntax.",
    )
};

/// `SyntaxWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_SyntaxWarning: *mut PyObject = (&raw mut _PyExc_SyntaxWarning).cast();

/// The `UnicodeWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UnicodeWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"UnicodeWarning",
        c"Base class for warnings about Unicode related problems, mostly\nrelated to conversion problems.",
    )
};

/// `UnicodeWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UnicodeWarning: *mut PyObject = (&raw mut _PyExc_UnicodeWarning).cast();

/// The `UserWarning` type object.
#[unsafe(no_mangle)]
pub static mut _PyExc_UserWarning: PyTypeObject = PyTypeObject {
    tp_base: &raw mut _PyExc_Warning,
    ..exc_type(
        &raw mut typeobject::PyType_Type,
        c"UserWarning",
        c"Base class for warnings generated by user code.",
    )
};

/// `UserWarning`, as C code names it.
#[unsafe(no_mangle)]
pub static mut PyExc_UserWarning: *mut PyObject = (&raw mut _PyExc_UserWarning).cast();

/// `EnvironmentError`: another name for `OSError`.
#[unsafe(no_mangle)]
pub static mut PyExc_EnvironmentError: *mut PyObject = (&raw mut _PyExc_OSError).cast();

/// `IOError`: another name for `OSError`.
#[unsafe(no_mangle)]
pub static mut PyExc_IOError: *mut PyObject = (&raw mut _PyExc_OSError).cast();

/// Every builtin exception type, bases before subclasses (readied in this order).
pub(super) fn all_types() -> [*mut PyTypeObject; 67] {
    [
        &raw mut _PyExc_BaseException,
        &raw mut _PyExc_BaseExceptionGroup,
        &raw mut _PyExc_GeneratorExit,
        &raw mut _PyExc_KeyboardInterrupt,
        &raw mut _PyExc_SystemExit,
        &raw mut _PyExc_Exception,
        &raw mut _PyExc_ArithmeticError,
        &raw mut _PyExc_FloatingPointError,
        &raw mut _PyExc_OverflowError,
        &raw mut _PyExc_ZeroDivisionError,
        &raw mut _PyExc_AssertionError,
        &raw mut _PyExc_AttributeError,
        &raw mut _PyExc_BufferError,
        &raw mut _PyExc_EOFError,
        &raw mut _PyExc_ImportError,
        &raw mut _PyExc_ModuleNotFoundError,
        &raw mut _PyExc_LookupError,
        &raw mut _PyExc_IndexError,
        &raw mut _PyExc_KeyError,
        &raw mut _PyExc_MemoryError,
        &raw mut _PyExc_NameError,
        &raw mut _PyExc_UnboundLocalError,
        &raw mut _PyExc_OSError,
        &raw mut _PyExc_BlockingIOError,
        &raw mut _PyExc_ChildProcessError,
        &raw mut _PyExc_ConnectionError,
        &raw mut _PyExc_BrokenPipeError,
        &raw mut _PyExc_ConnectionAbortedError,
        &raw mut _PyExc_ConnectionRefusedError,
        &raw mut _PyExc_ConnectionResetError,
        &raw mut _PyExc_FileExistsError,
        &raw mut _PyExc_FileNotFoundError,
        &raw mut _PyExc_InterruptedError,
        &raw mut _PyExc_IsADirectoryError,
        &raw mut _PyExc_NotADirectoryError,
        &raw mut _PyExc_PermissionError,
        &raw mut _PyExc_ProcessLookupError,
        &raw mut _PyExc_TimeoutError,
        &raw mut _PyExc_ReferenceError,
        &raw mut _PyExc_RuntimeError,
        &raw mut _PyExc_NotImplementedError,
        &raw mut _PyExc_PythonFinalizationError,
        &raw mut _PyExc_RecursionError,
        &raw mut _PyExc_StopAsyncIteration,
        &raw mut _PyExc_StopIteration,
        &raw mut _PyExc_SyntaxError,
        &raw mut _PyExc_IndentationError,
        &raw mut _PyExc_TabError,
        &raw mut _PyExc_SystemError,
        &raw mut _PyExc_TypeError,
        &raw mut _PyExc_ValueError,
        &raw mut _PyExc_UnicodeError,
        &raw mut _PyExc_UnicodeDecodeError,
        &raw mut _PyExc_UnicodeEncodeError,
        &raw mut _PyExc_UnicodeTranslateError,
        &raw mut _PyExc_Warning,
        &raw mut _PyExc_BytesWarning,
        &raw mut _PyExc_DeprecationWarning,
        &raw mut _PyExc_EncodingWarning,
        &raw mut _PyExc_FutureWarning,
        &raw mut _PyExc_ImportWarning,
        &raw mut _PyExc_PendingDeprecationWarning,
        &raw mut _PyExc_ResourceWarning,
        &raw mut _PyExc_RuntimeWarning,
        &raw mut _PyExc_SyntaxWarning,
        &raw mut _PyExc_UnicodeWarning,
        &raw mut _PyExc_UserWarning,
    ]
}
