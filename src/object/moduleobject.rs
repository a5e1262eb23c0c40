//! Module objects (`module`) and module definitions (`moduledef`), CPython 3.13's
//! `Objects/moduleobject.c` without the import system: single-phase creation
//! (`PyModule_Create2`), multi-phase creation and execution (`PyModule_FromDefAndSpec2`,
//! `PyModule_ExecDef`), per-module state (`m_size`, zeroed; `m_traverse`/`m_clear`/`m_free`
//! called as CPython does), and the module's attributes, which live in its dict.
//!
//! A module belongs to the interpreter that made it, like any object; so does its state.

use std::ffi::{c_char, c_int, c_void, CStr};
use std::mem::offset_of;
use std::ptr::null_mut;

use super::*;

/// A module: CPython's (internal) `PyModuleObject` layout.
#[repr(C)]
pub(crate) struct PyModuleObject {
    ob_base: PyObject,
    md_dict: *mut PyObject,
    md_def: *mut PyModuleDef,
    md_state: *mut c_void,
    md_weaklist: *mut PyObject,
    md_name: *mut PyObject,
}

/// `module`.
#[unsafe(no_mangle)]
pub static mut PyModule_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"module".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyModuleObject>() as Py_ssize_t,
    tp_dealloc: Some(module_dealloc),
    tp_repr: Some(module_repr),
    tp_getattro: Some(module_getattro),
    tp_flags: Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_BASETYPE,
    tp_doc:
        c"Create a module object.\n\nThe name must be a string; the optional doc argument can have any type."
            .as_ptr(),
    tp_traverse: Some(module_traverse),
    tp_clear: Some(module_clear),
    tp_weaklistoffset: offset_of!(PyModuleObject, md_weaklist) as Py_ssize_t,
    tp_dictoffset: offset_of!(PyModuleObject, md_dict) as Py_ssize_t,
    tp_init: Some(module_init),
    tp_alloc: Some(crate::capi::typeobject::PyType_GenericAlloc),
    tp_new: Some(crate::capi::typeobject::PyType_GenericNew),
    tp_free: Some(crate::capi::objimpl::PyObject_GC_Del),
    ..TYPE_TEMPLATE
};

/// `moduledef`: the type `PyModuleDef_Init` gives a definition. Definitions are static C
/// data: they are never freed.
#[unsafe(no_mangle)]
pub static mut PyModuleDef_Type: PyTypeObject = PyTypeObject {
    ob_base: PyVarObject { ob_base: static_head(&raw mut typeobject::PyType_Type), ob_size: 0 },
    tp_name: c"moduledef".as_ptr(),
    tp_basicsize: std::mem::size_of::<PyModuleDef>() as Py_ssize_t,
    tp_dealloc: Some(moduledef_dealloc),
    ..TYPE_TEMPLATE
};

/// Readies the module types (at runtime initialization).
pub(crate) fn init_types() -> PyResult<()> {
    // SAFETY: our statics, readied during initialization.
    unsafe {
        typeobject::ready(&raw mut PyModule_Type)?;
        typeobject::ready(&raw mut PyModuleDef_Type)?;
    }
    Ok(())
}

#[inline]
unsafe fn m<'a>(op: *mut PyObject) -> &'a mut PyModuleObject {
    // SAFETY: per caller, a module.
    unsafe { &mut *(op as *mut PyModuleObject) }
}

/// `PyModule_Check`.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn check(op: *mut PyObject) -> bool {
    // SAFETY: per caller.
    unsafe { typeobject::type_check(op, &raw mut PyModule_Type) }
}

/// The definition a module was made from (NULL for none or for a non-module).
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn def_of(op: *mut PyObject) -> *mut PyModuleDef {
    // SAFETY: per caller.
    unsafe {
        if check(op) {
            m(op).md_def
        } else {
            null_mut()
        }
    }
}

/// The module's state (NULL for none).
///
/// # Safety
/// `op` is a module.
pub(crate) unsafe fn state_of(op: *mut PyObject) -> *mut c_void {
    // SAFETY: per caller.
    unsafe { m(op).md_state }
}

/// The module's `__dict__` (borrowed).
///
/// # Safety
/// `op` is a module.
pub(crate) unsafe fn dict_of(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: per caller.
    unsafe { m(op).md_dict }
}

unsafe fn set_str(dict: *mut PyObject, key: &str, value: *mut PyObject) -> PyResult<()> {
    let k = unicodeobject::from_str(key)?;
    // SAFETY: per caller, a dict; `k` is owned.
    unsafe {
        let r = dictobject::set(dict, k, value);
        decref(k);
        r
    }
}

unsafe fn get_str(dict: *mut PyObject, key: &str) -> PyResult<Option<*mut PyObject>> {
    let k = unicodeobject::from_str(key)?;
    // SAFETY: per caller, a dict; `k` is owned.
    unsafe {
        let r = dictobject::get(dict, k);
        decref(k);
        r
    }
}

/// Fills a module's dict as CPython's `module_init_dict`.
unsafe fn init_dict(dict: *mut PyObject, name: *mut PyObject, doc: *mut PyObject) -> PyResult<()> {
    let none = singletons::none();
    // SAFETY: per caller.
    unsafe {
        set_str(dict, "__name__", name)?;
        set_str(dict, "__doc__", if doc.is_null() { none } else { doc })?;
        set_str(dict, "__package__", none)?;
        set_str(dict, "__loader__", none)?;
        set_str(dict, "__spec__", none)
    }
}

/// `PyModule_NewObject`: a new module named `name`, with `__name__`, `__doc__`,
/// `__package__`, `__loader__` and `__spec__` set.
///
/// # Safety
/// `name` is a live object.
pub(crate) unsafe fn new_object(name: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        let op = typeobject::generic_alloc(&raw mut PyModule_Type, 0)?;
        let md = m(op);
        md.md_name = new_ref(name);
        md.md_dict = match dictobject::new() {
            Ok(d) => d,
            Err(e) => {
                decref(op);
                return Err(e);
            }
        };
        if let Err(e) = init_dict(md.md_dict, name, null_mut()) {
            decref(op);
            return Err(e);
        }
        Ok(op)
    }
}

/// `PyModule_GetNameObject`: `__name__` from the dict (a new reference).
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn name_object(op: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        if !check(op) {
            return Err(errors::bad_argument());
        }
        let d = m(op).md_dict;
        if !d.is_null() && dictobject::check(d) {
            if let Some(n) = get_str(d, "__name__")? {
                if unicodeobject::check(n) {
                    return Ok(new_ref(n));
                }
            }
        }
        Err(errors::system_error("nameless module"))
    }
}

/// Allocates `size` zeroed bytes of module state (at least one byte, so a state pointer
/// always exists once allocated).
fn alloc_state(size: Py_ssize_t) -> PyResult<*mut c_void> {
    let p = alloc::calloc(1, size.max(1) as usize);
    if p.is_null() {
        return Err(errors::no_memory());
    }
    Ok(p.cast())
}

/// CPython's `check_api_version`: a mismatch is only a `RuntimeWarning`.
unsafe fn check_api_version(name: &str, apiver: c_int) -> PyResult<()> {
    if apiver != PYTHON_API_VERSION {
        // SAFETY: a static exception type.
        unsafe {
            exceptions::warnings::warn(
                &raw mut exceptions::_PyExc_RuntimeWarning,
                &format!(
                    "Python C API version mismatch for module {name}: This Python has API version \
                     {PYTHON_API_VERSION}, module {name} has version {apiver}."
                ),
                1,
            )?;
        }
    }
    Ok(())
}

/// `PyModuleDef_Init`: makes the definition an object of type `moduledef` and gives it an
/// index, once. A static definition is shared by every interpreter, and own-GIL
/// interpreters may initialize it at the same moment (CPython's check-then-set races
/// there): the fields are written atomically and the first index set wins.
///
/// # Safety
/// `def` is a live definition.
pub(crate) unsafe fn def_init(def: *mut PyModuleDef) -> *mut PyObject {
    use std::sync::atomic::{AtomicIsize, AtomicPtr, Ordering};
    // SAFETY: per caller; the two fields are pointer-sized and aligned, and every access
    // to them in this crate goes through these atomic views.
    unsafe {
        let index = &*(&raw mut (*def).m_base.m_index).cast::<AtomicIsize>();
        if index.load(Ordering::Acquire) == 0 {
            let ty = &*(&raw mut (*def).m_base.ob_base.ob_type).cast::<AtomicPtr<PyTypeObject>>();
            ty.store(&raw mut PyModuleDef_Type, Ordering::Relaxed);
            let _ = index.compare_exchange(0, crate::runtime::next_module_index(), Ordering::AcqRel, Ordering::Acquire);
        }
        def.cast()
    }
}

/// Adds the functions of `defs` (a NULL-name-terminated table) to `module`, bound to it
/// (CPython's `_add_methods_to_object`).
///
/// # Safety
/// `module` is a live object, `defs` a live table that outlives it.
pub(crate) unsafe fn add_functions(
    module: *mut PyObject,
    modname: *mut PyObject,
    defs: *mut PyMethodDef,
) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let mut f = defs;
        while !(*f).ml_name.is_null() {
            if (*f).ml_flags & (METH_CLASS | METH_STATIC) != 0 {
                return Err(errors::value_error("module functions cannot set METH_CLASS or METH_STATIC"));
            }
            let func = methodobject::new(f, module, modname, null_mut())?;
            let name = CStr::from_ptr((*f).ml_name).to_string_lossy();
            let r = set_attr(module, &name, func);
            decref(func);
            r?;
            f = f.add(1);
        }
    }
    Ok(())
}

/// Sets an attribute of a module in its dict; of any other object (a `Py_mod_create`
/// result) through `PyObject_SetAttr`.
unsafe fn set_attr(module: *mut PyObject, name: &str, value: *mut PyObject) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        if !check(module) {
            let key = unicodeobject::from_str(name)?;
            let r = super::attr::set_attr(module, key, value);
            decref(key);
            return r;
        }
        set_str(m(module).md_dict, name, value)
    }
}

/// `PyModule_SetDocString`.
///
/// # Safety
/// `module` is a live object; `doc` a C string.
pub(crate) unsafe fn set_doc(module: *mut PyObject, doc: *const c_char) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let s = CStr::from_ptr(doc)
            .to_str()
            .map_err(|_| errors::unicode_error("PyModule_SetDocString: the docstring is not UTF-8"))?;
        let v = unicodeobject::from_str(s)?;
        let r = set_attr(module, "__doc__", v);
        decref(v);
        r
    }
}

/// `PyModule_Create2`: a single-phase module from `def`.
///
/// # Safety
/// `def` is a live definition that outlives the module.
pub(crate) unsafe fn create(def: *mut PyModuleDef, apiver: c_int) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        def_init(def);
        if (*def).m_name.is_null() {
            return Err(errors::system_error("PyModule_Create: the module definition has no name"));
        }
        let name = CStr::from_ptr((*def).m_name).to_string_lossy().into_owned();
        check_api_version(&name, apiver)?;
        if !(*def).m_slots.is_null() {
            return Err(errors::system_error(&format!(
                "module {name}: PyModule_Create is incompatible with m_slots"
            )));
        }
        let n = unicodeobject::from_str(&name)?;
        let r = new_object(n);
        decref(n);
        let op = r?;
        let built = Built(op);
        if (*def).m_size > 0 {
            m(op).md_state = alloc_state((*def).m_size)?;
        }
        if !(*def).m_methods.is_null() {
            add_functions(op, m(op).md_name, (*def).m_methods)?;
        }
        if !(*def).m_doc.is_null() {
            set_doc(op, (*def).m_doc)?;
        }
        m(op).md_def = def;
        Ok(built.take())
    }
}

/// An owned object dropped on error.
struct Built(Owned);

impl Built {
    fn take(mut self) -> Owned {
        std::mem::replace(&mut self.0, null_mut())
    }
}

impl Drop for Built {
    fn drop(&mut self) {
        // SAFETY: owned or NULL.
        unsafe { xdecref(self.0) }
    }
}

/// The `name` attribute of a module spec (`PyObject_GetAttrString(spec, "name")`).
unsafe fn spec_name(spec: *mut PyObject) -> PyResult<Owned> {
    // SAFETY: per caller, a live object.
    unsafe {
        let key = unicodeobject::from_str("name")?;
        let r = super::attr::get_attr(spec, key);
        decref(key);
        r
    }
}

/// `PyModule_FromDefAndSpec2`: the creation phase of multi-phase initialization.
///
/// # Safety
/// `def` is a live definition that outlives the module; `spec` a live object.
pub(crate) unsafe fn from_def_and_spec(
    def: *mut PyModuleDef,
    spec: *mut PyObject,
    apiver: c_int,
) -> PyResult<Owned> {
    // SAFETY: per caller.
    unsafe {
        def_init(def);
        let nameobj = Built(spec_name(spec)?);
        if !unicodeobject::check(nameobj.0) {
            return Err(errors::bad_argument());
        }
        let name = unicodeobject::as_str(nameobj.0).to_owned();
        check_api_version(&name, apiver)?;
        if (*def).m_size < 0 {
            return Err(errors::system_error(&format!(
                "module {name}: m_size may not be negative for multi-phase initialization"
            )));
        }
        type Create = unsafe extern "C" fn(*mut PyObject, *mut PyModuleDef) -> *mut PyObject;
        let mut create: Option<Create> = None;
        let mut has_exec = false;
        let mut multi: Option<*mut c_void> = None;
        let mut gil: Option<*mut c_void> = None;
        let mut slot = (*def).m_slots;
        while !slot.is_null() && (*slot).slot != 0 {
            let v = (*slot).value;
            match (*slot).slot {
                Py_mod_create => {
                    if create.is_some() {
                        return Err(errors::system_error(&format!(
                            "module {name} has multiple create slots"
                        )));
                    }
                    create = Some(std::mem::transmute::<*mut c_void, Create>(v));
                }
                Py_mod_exec => has_exec = true,
                Py_mod_multiple_interpreters => {
                    if multi.is_some() {
                        return Err(errors::system_error(&format!(
                            "module {name} has more than one 'multiple interpreters' slots"
                        )));
                    }
                    multi = Some(v);
                }
                Py_mod_gil => {
                    if gil.is_some() {
                        return Err(errors::system_error(&format!(
                            "module {name} has more than one 'gil' slot"
                        )));
                    }
                    gil = Some(v);
                }
                id => {
                    return Err(errors::system_error(&format!("module {name} uses unknown slot ID {id}")));
                }
            }
            slot = slot.add(1);
        }
        // Default: supported (1), as CPython.
        check_multiple_interpreters(&name, multi.map_or(1, |v| v as usize))?;
        let op = match create {
            Some(c) => {
                let r = c(spec, def);
                if r.is_null() {
                    if errors::occurred().is_null() {
                        return Err(errors::system_error(&format!(
                            "creation of module {name} failed without setting an exception"
                        )));
                    }
                    return Err(PyErr);
                }
                if !errors::occurred().is_null() {
                    decref(r);
                    return Err(from_cause(&format!(
                        "creation of module {name} raised unreported exception"
                    )));
                }
                r
            }
            None => new_object(nameobj.0)?,
        };
        let built = Built(op);
        if check(op) {
            m(op).md_state = null_mut();
            m(op).md_def = def;
        } else {
            if (*def).m_size > 0
                || (*def).m_traverse.is_some()
                || (*def).m_clear.is_some()
                || (*def).m_free.is_some()
            {
                return Err(errors::system_error(&format!(
                    "module {name} is not a module object, but requests module state"
                )));
            }
            if has_exec {
                return Err(errors::system_error(&format!(
                    "module {name} specifies execution slots, but did not create a ModuleType instance"
                )));
            }
        }
        if !(*def).m_methods.is_null() {
            add_functions(op, nameobj.0, (*def).m_methods)?;
        }
        if !(*def).m_doc.is_null() {
            set_doc(op, (*def).m_doc)?;
        }
        Ok(built.take())
    }
}

/// `Py_mod_multiple_interpreters`: a module that does not support subinterpreters (0), or
/// not a per-interpreter GIL (1, in an interpreter with its own GIL), is refused in a
/// subinterpreter whose config checks extensions (`check_multi_interp_extensions`).
fn check_multiple_interpreters(name: &str, value: usize) -> PyResult<()> {
    let ts = crate::tstate::current();
    if ts.is_null() {
        return Ok(());
    }
    // SAFETY: the attached thread state keeps its interpreter alive.
    let interp = unsafe { (*ts).interp() };
    if interp.is_main {
        return Ok(());
    }
    let checks = interp.feature_flags & Py_RTFLAGS_MULTI_INTERP_EXTENSIONS != 0;
    let own_gil = interp.config.gil == PyInterpreterConfig_OWN_GIL;
    let refused = match value {
        0 => true,
        2 => false,
        _ => own_gil,
    };
    if refused && checks {
        return Err(errors::set_string(
            &raw mut exceptions::_PyExc_ImportError,
            &format!("module {name} does not support loading in subinterpreters"),
        ));
    }
    Ok(())
}

/// `_PyErr_FormatFromCause(SystemError, msg)`: a SystemError whose `__cause__` (and
/// context) is the exception now set.
fn from_cause(msg: &str) -> PyErr {
    let cause = errors::take_raised();
    errors::system_error(msg);
    if !cause.is_null() {
        // SAFETY: the fresh SystemError and the taken exception are live instances.
        unsafe {
            let exc = errors::raised();
            exceptions::set_context(exc, new_ref(cause));
            exceptions::set_cause(exc, cause);
        }
    }
    PyErr
}

/// `PyModule_ExecDef`: allocates the state (zeroed, `m_size` bytes) if not done yet, and
/// runs the `Py_mod_exec` slots in order.
///
/// # Safety
/// `module` is a module object, `def` a live definition.
pub(crate) unsafe fn exec_def(module: *mut PyObject, def: *mut PyModuleDef) -> PyResult<()> {
    // SAFETY: per caller.
    unsafe {
        let n = name_object(module)?;
        let name = unicodeobject::as_str(n).to_owned();
        decref(n);
        if (*def).m_size >= 0 && check(module) && m(module).md_state.is_null() {
            m(module).md_state = alloc_state((*def).m_size)?;
        }
        let mut slot = (*def).m_slots;
        while !slot.is_null() && (*slot).slot != 0 {
            match (*slot).slot {
                Py_mod_create | Py_mod_multiple_interpreters | Py_mod_gil => {}
                Py_mod_exec => {
                    type Exec = unsafe extern "C" fn(*mut PyObject) -> c_int;
                    let f = std::mem::transmute::<*mut c_void, Exec>((*slot).value);
                    let r = f(module);
                    if r != 0 {
                        if errors::occurred().is_null() {
                            return Err(errors::system_error(&format!(
                                "execution of module {name} failed without setting an exception"
                            )));
                        }
                        return Err(PyErr);
                    }
                    if !errors::occurred().is_null() {
                        return Err(from_cause(&format!(
                            "execution of module {name} raised unreported exception"
                        )));
                    }
                }
                id => {
                    return Err(errors::system_error(&format!(
                        "module {name} initialized with unknown slot {id}"
                    )));
                }
            }
            slot = slot.add(1);
        }
    }
    Ok(())
}

/// Whether the module's state hooks may run (CPython: a definition with `m_size <= 0`, or a
/// state that exists).
unsafe fn hooks_apply(md: &PyModuleObject) -> Option<&PyModuleDef> {
    // SAFETY: per caller, a live module.
    unsafe {
        let def = md.md_def.as_ref()?;
        (def.m_size <= 0 || !md.md_state.is_null()).then_some(def)
    }
}

unsafe extern "C" fn module_traverse(op: *mut PyObject, visit: visitproc, arg: *mut c_void) -> c_int {
    // SAFETY: called by a collector with a module.
    unsafe {
        let md = m(op);
        if let Some(t) = hooks_apply(md).and_then(|d| d.m_traverse) {
            let r = t(op, visit, arg);
            if r != 0 {
                return r;
            }
        }
        if let (Some(v), false) = (visit, md.md_dict.is_null()) {
            return v(md.md_dict, arg);
        }
        0
    }
}

unsafe extern "C" fn module_clear(op: *mut PyObject) -> c_int {
    // SAFETY: called by a collector with a module.
    unsafe {
        let md = m(op);
        if let Some(c) = hooks_apply(md).and_then(|d| d.m_clear) {
            let r = c(op);
            if r != 0 {
                return r;
            }
        }
        xdecref(std::mem::replace(&mut md.md_dict, null_mut()));
        0
    }
}

unsafe extern "C" fn module_dealloc(op: *mut PyObject) {
    // SAFETY: called by `_Py_Dealloc` on a module with no references left.
    unsafe {
        gc::untrack(op);
        let md = m(op);
        if let Some(f) = hooks_apply(md).and_then(|d| d.m_free) {
            f(op.cast());
        }
        xdecref(std::mem::replace(&mut md.md_dict, null_mut()));
        xdecref(std::mem::replace(&mut md.md_name, null_mut()));
        alloc::free(std::mem::replace(&mut md.md_state, null_mut()).cast());
        let tp = type_of(op);
        match (*tp).tp_free {
            Some(free) => free(op.cast()),
            None => gc::free_object(op),
        }
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            decref(tp.cast());
        }
    }
}

unsafe extern "C" fn moduledef_dealloc(op: *mut PyObject) {
    // A definition is static C data: never freed (a decref too many only ends here).
    // SAFETY: a live definition.
    unsafe { typeobject::immortalize(op) }
}

/// `module.__init__(name, doc=None)`.
unsafe extern "C" fn module_init(op: *mut PyObject, args: *mut PyObject, kwds: *mut PyObject) -> c_int {
    // SAFETY: called through tp_init with a module and live arguments.
    unsafe {
        // Argument Clinic's rules for `module(name, doc=None)`, in CPython 3.13's order: the
        // total count, then each parameter (by position or by name, not both), then any
        // keyword left over.
        let n = if args.is_null() { 0 } else { tupleobject::size(args) };
        let nkw = if kwds.is_null() { 0 } else { dictobject::size(kwds) };
        if n + nkw > 2 {
            errors::type_error(&format!("module() takes at most 2 arguments ({} given)", n + nkw));
            return -1;
        }
        let mut params: [*mut PyObject; 2] = [null_mut(); 2];
        let mut used = 0;
        for (i, pname) in ["name", "doc"].into_iter().enumerate() {
            let by_name = if kwds.is_null() {
                None
            } else {
                match get_str(kwds, pname) {
                    Ok(v) => v,
                    Err(_) => return -1,
                }
            };
            if (i as Py_ssize_t) < n {
                if by_name.is_some() {
                    errors::type_error(&format!(
                        "argument for module() given by name ('{pname}') and position ({})",
                        i + 1
                    ));
                    return -1;
                }
                params[i] = tupleobject::get_item(args, i as Py_ssize_t);
            } else if let Some(v) = by_name {
                params[i] = v;
                used += 1;
            } else if i == 0 {
                errors::type_error("module() missing required argument 'name' (pos 1)");
                return -1;
            }
        }
        if used < nkw {
            let mut pos = 0;
            while let Some((k, _)) = dictobject::next(kwds, &mut pos) {
                let known = unicodeobject::check(k) && matches!(unicodeobject::as_str(k), "name" | "doc");
                if !known {
                    errors::type_error(&format!(
                        "module() got an unexpected keyword argument '{}'",
                        if unicodeobject::check(k) { unicodeobject::as_str(k).to_owned() } else { "?".to_owned() }
                    ));
                    return -1;
                }
            }
        }
        let name = params[0];
        if !unicodeobject::check(name) {
            errors::type_error(&format!(
                "module() argument 'name' must be str, not {}",
                short_type_name(type_of(name))
            ));
            return -1;
        }
        let doc = params[1];
        let md = m(op);
        if md.md_dict.is_null() {
            match dictobject::new() {
                Ok(d) => md.md_dict = d,
                Err(_) => return -1,
            }
        }
        if init_dict(md.md_dict, name, doc).is_err() {
            return -1;
        }
        let old = std::mem::replace(&mut md.md_name, new_ref(name));
        xdecref(old);
        0
    }
}

unsafe extern "C" fn module_repr(op: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_repr with a module.
    unsafe {
        let d = m(op).md_dict;
        let text_of = |k: &str| -> Option<String> {
            if d.is_null() {
                return None;
            }
            match get_str(d, k) {
                Ok(Some(v)) if unicodeobject::check(v) => Some(unicodeobject::as_str(v).to_owned()),
                Ok(_) => None,
                Err(_) => {
                    errors::clear();
                    None
                }
            }
        };
        let name = text_of("__name__").unwrap_or_else(|| "?".to_owned());
        let text = match text_of("__file__") {
            Some(f) => format!("<module '{name}' from '{f}'>"),
            None => format!("<module '{name}'>"),
        };
        unicodeobject::from_str(&text).unwrap_or(null_mut())
    }
}

/// `module.__getattribute__`: the module's dict, then a module-level `__getattr__`, then
/// CPython's AttributeError "module 'm' has no attribute 'x'".
/// The generic lookup comes first (type descriptors such as `__dict__` and `__class__`, then
/// the dict), as CPython's `_PyObject_GenericGetAttrWithDict(m, name, NULL, 1)`.
unsafe extern "C" fn module_getattro(op: *mut PyObject, name: *mut PyObject) -> *mut PyObject {
    // SAFETY: called through tp_getattro with a module and an attribute name.
    unsafe {
        if !unicodeobject::check(name) {
            errors::type_error(&format!(
                "attribute name must be string, not '{}'",
                short_type_name(type_of(name))
            ));
            return null_mut();
        }
        match super::attr::generic_getattr(op, name, null_mut(), true) {
            Ok(Some(v)) => return v,
            Ok(None) => {}
            Err(_) => return null_mut(),
        }
        let d = m(op).md_dict;
        if !d.is_null() {
            match get_str(d, "__getattr__") {
                Ok(Some(g)) => return call::vectorcall(g, [name].as_ptr(), 1, null_mut()),
                Ok(None) => {}
                Err(_) => return null_mut(),
            }
            if let Ok(Some(n)) = get_str(d, "__name__") {
                if unicodeobject::check(n) {
                    errors::attribute_error(&format!(
                        "module '{}' has no attribute '{}'",
                        unicodeobject::as_str(n),
                        unicodeobject::as_str(name)
                    ));
                    return null_mut();
                }
            }
        }
        errors::attribute_error(&format!("module has no attribute '{}'", unicodeobject::as_str(name)));
        null_mut()
    }
}
