/* pystate.h: thread and interpreter states (declarations are in subinterp.h). */
#ifndef Py_PYSTATE_H
#define Py_PYSTATE_H

/* CPython's historical spelling. */
#define PyThreadState_GET() PyThreadState_Get()

#endif /* !Py_PYSTATE_H */
