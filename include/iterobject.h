/* iterobject.h: the iterator over objects with sq_item (PySeqIter_New). */
#ifndef Py_ITEROBJECT_H
#define Py_ITEROBJECT_H

#define PySeqIter_Check(op) Py_IS_TYPE((op), &PySeqIter_Type)

#endif /* !Py_ITEROBJECT_H */
