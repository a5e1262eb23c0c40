/* cpython/sliceobject.h: PySlice_GetIndicesEx as CPython's macro over PySlice_Unpack and
   PySlice_AdjustIndices (Python.h includes this after subinterp.h, which declares the
   function of the same name that the macro would otherwise rewrite). */
#ifndef Py_CPYTHON_SLICEOBJECT_H
#define Py_CPYTHON_SLICEOBJECT_H

#define PySlice_GetIndicesEx(slice, length, start, stop, step, slicelen) (  \
    PySlice_Unpack((slice), (start), (stop), (step)) < 0 ?                  \
    ((*(slicelen) = 0), -1) :                                               \
    ((*(slicelen) = PySlice_AdjustIndices((length), (start), (stop), *(step))), \
     0))

#endif /* !Py_CPYTHON_SLICEOBJECT_H */
