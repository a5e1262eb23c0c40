/* ceval.h: the thread-releasing macros, exactly as CPython's documentation spells them. */
#ifndef Py_CEVAL_H
#define Py_CEVAL_H

#define Py_BEGIN_ALLOW_THREADS { \
                        PyThreadState *_save; \
                        _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS        PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS      _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS    PyEval_RestoreThread(_save); \
                 }

#endif /* !Py_CEVAL_H */
