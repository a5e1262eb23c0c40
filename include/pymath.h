/* pymath.h: mathematical constants and float classification, as CPython's. */
#ifndef Py_PYMATH_H
#define Py_PYMATH_H

#ifndef Py_MATH_PIl
#define Py_MATH_PIl 3.1415926535897932384626433832795029L
#endif
#ifndef Py_MATH_PI
#define Py_MATH_PI 3.14159265358979323846
#endif
#ifndef Py_MATH_El
#define Py_MATH_El 2.7182818284590452353602874713526625L
#endif
#ifndef Py_MATH_E
#define Py_MATH_E 2.7182818284590452354
#endif
#ifndef Py_MATH_TAU
#define Py_MATH_TAU 6.2831853071795864769252867665590057683943L
#endif

#define Py_IS_NAN(X) isnan(X)
#define Py_IS_INFINITY(X) isinf(X)
#define Py_IS_FINITE(X) isfinite(X)

#ifndef Py_INFINITY
#  define Py_INFINITY ((double)INFINITY)
#endif
#ifndef Py_HUGE_VAL
#  define Py_HUGE_VAL HUGE_VAL
#endif
#ifndef Py_NAN
#  define Py_NAN ((double)NAN)
#endif

#endif /* !Py_PYMATH_H */
