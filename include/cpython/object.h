/* cpython/object.h: object macros over declared functions (Python.h includes this after
   subinterp.h, whose declarations these names would otherwise rewrite). */
#ifndef Py_CPYTHON_OBJECT_H
#define Py_CPYTHON_OBJECT_H

#define Py_Is(x, y) ((x) == (y))
#define Py_IsNone(x) Py_Is((x), Py_None)
#define Py_IsTrue(x) Py_Is((x), Py_True)
#define Py_IsFalse(x) Py_Is((x), Py_False)

#endif /* !Py_CPYTHON_OBJECT_H */
