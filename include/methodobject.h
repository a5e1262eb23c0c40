/* methodobject.h: function and method definitions, and the builtin function objects made
   from them (builtin_function_or_method, builtin_method). The accessors and the constructor
   macros are in cpython/methodobject.h, which Python.h includes after subinterp.h. */
#ifndef Py_METHODOBJECT_H
#define Py_METHODOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef PyObject *(*PyCFunction)(PyObject *, PyObject *);
typedef PyObject *(*PyCFunctionFast)(PyObject *, PyObject *const *, Py_ssize_t);
typedef PyObject *(*PyCFunctionWithKeywords)(PyObject *, PyObject *, PyObject *);
typedef PyObject *(*PyCFunctionFastWithKeywords)(PyObject *, PyObject *const *, Py_ssize_t, PyObject *);
typedef PyObject *(*PyCMethod)(PyObject *, PyTypeObject *, PyObject *const *, size_t, PyObject *);
/* The underscore names were documented before METH_FASTCALL joined the stable ABI. */
typedef PyCFunctionFast _PyCFunctionFast;
typedef PyCFunctionFastWithKeywords _PyCFunctionFastWithKeywords;
#define _PyCFunction_CAST(func) ((PyCFunction)(void (*)(void))(func))

struct PyMethodDef {
    const char *ml_name;    /* the name of the built-in function/method */
    PyCFunction ml_meth;    /* the C function that implements it */
    int ml_flags;           /* METH_* flags: how to call ml_meth */
    const char *ml_doc;     /* the __doc__ attribute, or NULL */
};

#define METH_VARARGS 0x0001
#define METH_KEYWORDS 0x0002
#define METH_NOARGS 0x0004
#define METH_O 0x0008
#define METH_CLASS 0x0010
#define METH_STATIC 0x0020
#define METH_COEXIST 0x0040
#define METH_FASTCALL 0x0080
#define METH_STACKLESS 0x0000
#define METH_METHOD 0x0200

/* builtin_function_or_method (CPython 3.13's layout). */
typedef struct {
    PyObject_HEAD
    PyMethodDef *m_ml;          /* the definition (must outlive the function) */
    PyObject *m_self;           /* passed as self to the C function; may be NULL */
    PyObject *m_module;         /* the __module__ attribute; may be anything */
    PyObject *m_weakreflist;    /* weak references */
    vectorcallfunc vectorcall;  /* NULL for METH_VARARGS (tp_call is used) */
} PyCFunctionObject;

/* builtin_method: a METH_METHOD function, which also gets its defining class. */
typedef struct {
    PyCFunctionObject func;
    PyTypeObject *mm_class;     /* the class that defines the method */
} PyCMethodObject;

#define PyCFunction_CheckExact(op) Py_IS_TYPE((op), &PyCFunction_Type)
#define PyCFunction_Check(op) PyObject_TypeCheck((op), &PyCFunction_Type)
#define PyCMethod_CheckExact(op) Py_IS_TYPE((op), &PyCMethod_Type)
#define PyCMethod_Check(op) PyObject_TypeCheck((op), &PyCMethod_Type)

#ifdef __cplusplus
}
#endif
#endif /* !Py_METHODOBJECT_H */
