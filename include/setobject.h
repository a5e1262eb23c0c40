/* setobject.h: set and frozenset, laid out as CPython 3.13's PySetObject. */
#ifndef Py_SETOBJECT_H
#define Py_SETOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

#define PySet_MINSIZE 8

/* A table slot: unused (key NULL, hash 0), dummy (hash -1, left by a removal) or active. */
typedef struct {
    PyObject *key;
    Py_hash_t hash;             /* the key's hash */
} setentry;

typedef struct {
    PyObject_HEAD
    Py_ssize_t fill;            /* active and dummy entries */
    Py_ssize_t used;            /* active entries */
    Py_ssize_t mask;            /* the table has mask + 1 slots, a power of two */
    setentry *table;            /* smalltable or an allocated table; never NULL */
    Py_hash_t hash;             /* a frozenset's hash once computed, else -1 */
    Py_ssize_t finger;          /* where pop() resumes */
    setentry smalltable[PySet_MINSIZE];
    PyObject *weakreflist;
} PySetObject;

#define PySet_CheckExact(op) Py_IS_TYPE((op), &PySet_Type)
#define PySet_Check(ob) \
    (Py_IS_TYPE((ob), &PySet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PySet_Type))
#define PyFrozenSet_CheckExact(ob) Py_IS_TYPE((ob), &PyFrozenSet_Type)
#define PyFrozenSet_Check(ob) \
    (Py_IS_TYPE((ob), &PyFrozenSet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PyFrozenSet_Type))
#define PyAnySet_CheckExact(ob) \
    (Py_IS_TYPE((ob), &PySet_Type) || Py_IS_TYPE((ob), &PyFrozenSet_Type))
#define PyAnySet_Check(ob) \
    (Py_IS_TYPE((ob), &PySet_Type) || Py_IS_TYPE((ob), &PyFrozenSet_Type) || \
     PyType_IsSubtype(Py_TYPE(ob), &PySet_Type) || PyType_IsSubtype(Py_TYPE(ob), &PyFrozenSet_Type))

/* The number of elements of a set or frozenset (no check that it is one). */
static inline Py_ssize_t PySet_GET_SIZE(PyObject *so) { return ((PySetObject *)so)->used; }
#define PySet_GET_SIZE(so) PySet_GET_SIZE(_PyObject_CAST(so))

#ifdef __cplusplus
}
#endif
#endif /* !Py_SETOBJECT_H */
