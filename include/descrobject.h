/* descrobject.h: computed attributes and instance members. */
#ifndef Py_DESCROBJECT_H
#define Py_DESCROBJECT_H
#ifdef __cplusplus
extern "C" {
#endif

typedef PyObject *(*getter)(PyObject *, void *);
typedef int (*setter)(PyObject *, PyObject *, void *);

struct PyGetSetDef {
    const char *name;
    getter get;
    setter set;
    const char *doc;
    void *closure;
};

struct PyMemberDef {
    const char *name;
    int type;               /* Py_T_* */
    Py_ssize_t offset;
    int flags;              /* Py_READONLY, Py_AUDIT_READ, Py_RELATIVE_OFFSET */
    const char *doc;
};

#ifdef __cplusplus
}
#endif
#endif /* !Py_DESCROBJECT_H */
