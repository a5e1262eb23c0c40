/* modsupport.h: module support macros (the functions are declared in subinterp.h). */
#ifndef Py_MODSUPPORT_H
#define Py_MODSUPPORT_H

/* --- modules (PyModule_Add*, PyModule_Create) ------------------------------------------- */

#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"

#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))

#define PyModule_Create(module) PyModule_Create2((module), PYTHON_API_VERSION)
#define PyModule_FromDefAndSpec(module, spec) \
    PyModule_FromDefAndSpec2((module), (spec), PYTHON_API_VERSION)

#endif /* !Py_MODSUPPORT_H */
