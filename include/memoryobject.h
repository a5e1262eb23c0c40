/* memoryobject.h: memoryview and its managed buffer, laid out as CPython's. As in CPython,
   the structs are declared so that the macros work; use the macros and functions. */
#ifndef Py_MEMORYOBJECT_H
#define Py_MEMORYOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

#define _Py_MANAGED_BUFFER_RELEASED    0x001  /* access to the exporter blocked */
#define _Py_MANAGED_BUFFER_FREE_FORMAT 0x002  /* master.format is ours to free */

/* The exporter's buffer, obtained once and shared by every memoryview made from it. */
typedef struct {
    PyObject_HEAD
    int flags;          /* _Py_MANAGED_BUFFER_* */
    Py_ssize_t exports; /* memoryviews using master */
    Py_buffer master;   /* what the exporter's bf_getbuffer filled in */
} _PyManagedBufferObject;

#define _Py_MEMORYVIEW_RELEASED    0x001  /* access to the master buffer blocked */
#define _Py_MEMORYVIEW_C           0x002  /* C-contiguous layout */
#define _Py_MEMORYVIEW_FORTRAN     0x004  /* Fortran-contiguous layout */
#define _Py_MEMORYVIEW_SCALAR      0x008  /* scalar: ndim = 0 */
#define _Py_MEMORYVIEW_PIL         0x010  /* PIL-style layout (suboffsets) */
#define _Py_MEMORYVIEW_RESTRICTED  0x020  /* no new references to the buffer */

typedef struct {
    PyObject_VAR_HEAD
    _PyManagedBufferObject *mbuf; /* the managed buffer */
    Py_hash_t hash;               /* hash of a read-only view, -1 until computed */
    int flags;                    /* _Py_MEMORYVIEW_* */
    Py_ssize_t exports;           /* buffers this view handed out */
    Py_buffer view;               /* private copy of the exporter's view */
    PyObject *weakreflist;
    Py_ssize_t ob_array[1];       /* shape, strides, suboffsets (ndim each) */
} PyMemoryViewObject;

#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)
#define _PyMemoryView_CAST(op) ((PyMemoryViewObject *)(op))

/* The memoryview's private copy of the exporter's buffer. */
static inline Py_buffer *PyMemoryView_GET_BUFFER(PyObject *op) { return &_PyMemoryView_CAST(op)->view; }
#define PyMemoryView_GET_BUFFER(op) PyMemoryView_GET_BUFFER(_PyObject_CAST(op))

/* The exporting object (NULL for views of raw memory, and once released). */
static inline PyObject *PyMemoryView_GET_BASE(PyObject *op) { return _PyMemoryView_CAST(op)->view.obj; }
#define PyMemoryView_GET_BASE(op) PyMemoryView_GET_BASE(_PyObject_CAST(op))

#ifdef __cplusplus
}
#endif
#endif /* !Py_MEMORYOBJECT_H */
