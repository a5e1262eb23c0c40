/* cpython/object.h: object macros over declared functions (Python.h includes this after
   subinterp.h, whose declarations these names would otherwise rewrite). */
#ifndef Py_CPYTHON_OBJECT_H
#define Py_CPYTHON_OBJECT_H

#define Py_Is(x, y) ((x) == (y))
#define Py_IsNone(x) Py_Is((x), Py_None)
#define Py_IsTrue(x) Py_Is((x), Py_True)
#define Py_IsFalse(x) Py_Is((x), Py_False)

/* The real layout of a type object allocated on the heap (CPython 3.13's). A copy of the
   spec's PyMemberDef table follows it (the type's variable part). */
struct _specialization_cache {
    PyObject *getitem;
    uint32_t getitem_version;
    PyObject *init;
};
typedef struct _specialization_cache _specialization_cache; /* (ours: the ABI check's name) */

typedef struct _heaptypeobject {
    PyTypeObject ht_type;
    PyAsyncMethods as_async;
    PyNumberMethods as_number;
    PyMappingMethods as_mapping;
    PySequenceMethods as_sequence; /* after as_mapping: the mapping wins for shared dunders */
    PyBufferProcs as_buffer;
    PyObject *ht_name, *ht_slots, *ht_qualname;
    struct _dictkeysobject *ht_cached_keys;
    PyObject *ht_module;
    char *_ht_tpname; /* storage for tp_name */
    struct _specialization_cache _spec_cache;
} PyHeapTypeObject;

#endif /* !Py_CPYTHON_OBJECT_H */
