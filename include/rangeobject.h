/* rangeobject.h: range and its iterators (opaque: C code uses the API). */
#ifndef Py_RANGEOBJECT_H
#define Py_RANGEOBJECT_H

#define PyRange_Check(op) Py_IS_TYPE((op), &PyRange_Type)

#endif /* !Py_RANGEOBJECT_H */
