/* sliceobject.h: slice, laid out as CPython's (start, stop and step objects). */
#ifndef Py_SLICEOBJECT_H
#define Py_SLICEOBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
    PyObject_HEAD
    PyObject *start;    /* never NULL: None when left out */
    PyObject *stop;
    PyObject *step;
} PySliceObject;

#define PySlice_Check(op) Py_IS_TYPE((op), &PySlice_Type)

#ifdef __cplusplus
}
#endif
#endif /* !Py_SLICEOBJECT_H */
