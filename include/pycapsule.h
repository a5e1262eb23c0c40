/* pycapsule.h: capsules, a C pointer with a name, a context and a destructor (opaque). */
#ifndef Py_CAPSULE_H
#define Py_CAPSULE_H
#ifdef __cplusplus
extern "C" {
#endif

/* Called with the capsule when it is deallocated. */
typedef void (*PyCapsule_Destructor)(PyObject *);

#define PyCapsule_CheckExact(op) Py_IS_TYPE((op), &PyCapsule_Type)

#ifdef __cplusplus
}
#endif
#endif /* !Py_CAPSULE_H */
