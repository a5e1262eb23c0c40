/* cpython/longobject.h: int macros over declared functions (Python.h includes this after
   subinterp.h, whose declarations these names would otherwise rewrite). */
#ifndef Py_CPYTHON_LONGOBJECT_H
#define Py_CPYTHON_LONGOBJECT_H

#define PyUnstable_Long_IsCompact _PyLong_IsCompact
#define PyUnstable_Long_CompactValue _PyLong_CompactValue

#endif /* !Py_CPYTHON_LONGOBJECT_H */
