//! Printing exceptions: `PyErr_Display` and `PyErr_Print` write what CPython 3.13's
//! `traceback` module prints for an exception (here never with a traceback: there are no
//! frames before the eval loop): `Type: message`, the notes, the `__cause__` /
//! `__context__` chain with its "The above exception was the direct cause..." and "During
//! handling of the above exception..." lines, exception groups drawn as nested boxes, and
//! `SyntaxError`'s location with its caret line. `PyErr_WriteUnraisable` writes what
//! CPython's default `sys.unraisablehook` does.
//!
//! Not reproduced yet: the "Did you mean" suggestions of `NameError`, `AttributeError`
//! and `ImportError` (they need `dir()`, frames and imports), and colour.

use std::collections::HashSet;

use super::*;

const CAUSE_MESSAGE: &str = "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str = "\nDuring handling of the above exception, another exception occurred:\n\n";
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

/// `type.__module__` and `type.__qualname__` (`None` module: `<unknown>`).
pub(crate) unsafe fn module_and_qualname(tp: *mut PyTypeObject) -> (Option<String>, String) {
    // SAFETY: per caller, a live type.
    unsafe {
        if has_flag(tp, Py_TPFLAGS_HEAPTYPE) {
            return heaptype::module_and_qualname(tp);
        }
        let name = type_name(tp);
        match name.rfind('.') {
            Some(i) => (Some(name[..i].to_owned()), name[i + 1..].to_owned()),
            None => (Some("builtins".to_owned()), name.into_owned()),
        }
    }
}

/// `module.qualname`, without the module for `builtins` and `__main__` (how exception types
/// are shown).
pub(crate) unsafe fn type_display_name(tp: *mut PyTypeObject) -> String {
    // SAFETY: per caller.
    let (module, qualname) = unsafe { module_and_qualname(tp) };
    match module.as_deref() {
        Some("builtins") | Some("__main__") => qualname,
        Some(m) => format!("{m}.{qualname}"),
        None => format!("<unknown>.{qualname}"),
    }
}

/// `str(op)`, or `<what str() failed>` (the `traceback` module's `_safe_string`).
unsafe fn safe_str(op: *mut PyObject, what: &str) -> String {
    // SAFETY: per caller.
    unsafe {
        // An exact int's str() is its decimal form (line numbers are ints).
        if type_of(op) == &raw mut longobject::PyLong_Type {
            if let Ok(text) = longobject::decimal_text(op) {
                return text;
            }
            errors::clear();
        }
        str_of(op).unwrap_or_else(|_| {
            errors::clear();
            format!("<{what} str() failed>")
        })
    }
}

unsafe fn safe_repr(op: *mut PyObject, what: &str) -> String {
    // SAFETY: per caller.
    unsafe {
        repr_of(op).unwrap_or_else(|_| {
            errors::clear();
            format!("<{what} repr() failed>")
        })
    }
}

/// One exception as `TracebackException` captures it.
struct Node {
    /// Owned while printing.
    exc: *mut PyObject,
    text: String,
    suppress_context: bool,
    cause: Option<usize>,
    context: Option<usize>,
    group: Option<Vec<usize>>,
}

struct Tree {
    nodes: Vec<Node>,
    seen: HashSet<usize>,
}

impl Tree {
    unsafe fn add(&mut self, exc: *mut PyObject) -> usize {
        self.seen.insert(exc as usize);
        // SAFETY: per caller, a live exception instance.
        let text = unsafe { safe_str(exc, "exception") };
        let suppress_context = unsafe { fields(exc).suppress_context != 0 };
        self.nodes.push(Node {
            exc: unsafe { new_ref(exc) },
            text,
            suppress_context,
            cause: None,
            context: None,
            group: None,
        });
        self.nodes.len() - 1
    }

    /// `TracebackException(type(exc), exc, None)` with its chain, in the module's order.
    unsafe fn build(exc: *mut PyObject) -> Tree {
        let mut t = Tree { nodes: Vec::new(), seen: HashSet::new() };
        // SAFETY: per caller; every exception reached is live while its referrer is.
        unsafe {
            let root = t.add(exc);
            let mut queue = vec![root];
            while let Some(i) = queue.pop() {
                let e = t.nodes[i].exc;
                let cause = cause_of(e).filter(|&c| !t.seen.contains(&(c as usize))).map(|c| t.add(c));
                let context = context_of(e).filter(|&c| !t.seen.contains(&(c as usize))).map(|c| t.add(c));
                let group = if group::is_group(e) && !group::exceptions_of(e).is_null() {
                    let subs: Vec<usize> =
                        tupleobject::items(group::exceptions_of(e)).iter().map(|&s| t.add(s)).collect();
                    Some(subs)
                } else {
                    None
                };
                t.nodes[i].cause = cause;
                t.nodes[i].context = context;
                queue.extend(cause);
                queue.extend(context);
                if let Some(g) = &group {
                    queue.extend(g.iter().copied());
                }
                t.nodes[i].group = group;
            }
        }
        t
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        for n in &self.nodes {
            // SAFETY: the references taken in `add`.
            unsafe { decref(n.exc) };
        }
    }
}

/// The `traceback` module's `_ExceptionPrintContext`.
struct Ctx {
    out: String,
    depth: usize,
    need_close: bool,
}

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Every line of `text` prefixed with the indent and margin (`textwrap.indent`).
    fn emit(&mut self, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            self.out.push_str(&prefix);
            self.out.push_str(line);
        }
    }
}

unsafe fn format(t: &Tree, i: usize, ctx: &mut Ctx) {
    let mut chain = Vec::new();
    let mut cur = Some(i);
    while let Some(c) = cur {
        let n = &t.nodes[c];
        let (msg, next) = if let Some(cause) = n.cause {
            (Some(CAUSE_MESSAGE), Some(cause))
        } else if let (Some(context), false) = (n.context, n.suppress_context) {
            (Some(CONTEXT_MESSAGE), Some(context))
        } else {
            (None, None)
        };
        chain.push((msg, c));
        cur = next;
    }
    for &(msg, c) in chain.iter().rev() {
        if let Some(m) = msg {
            ctx.emit(m, '|');
        }
        let n = &t.nodes[c];
        // SAFETY: per caller.
        let only = unsafe { format_exception_only(n) };
        match &n.group {
            None => ctx.emit(&only, '|'),
            Some(_) if ctx.depth > MAX_GROUP_DEPTH => {
                ctx.emit(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"), '|');
            }
            Some(subs) => {
                let toplevel = ctx.depth == 0;
                if toplevel {
                    ctx.depth += 1;
                }
                ctx.emit(&only, '|');
                let num = subs.len();
                let shown = if num <= MAX_GROUP_WIDTH { num } else { MAX_GROUP_WIDTH + 1 };
                ctx.need_close = false;
                for (k, &sub) in subs.iter().enumerate().take(shown) {
                    let last = k == shown - 1;
                    if last {
                        ctx.need_close = true;
                    }
                    let truncated = k >= MAX_GROUP_WIDTH;
                    let title = if truncated { "...".to_owned() } else { (k + 1).to_string() };
                    let line = format!(
                        "{}{}+---------------- {title} ----------------\n",
                        ctx.indent(),
                        if k == 0 { "+-" } else { "  " }
                    );
                    ctx.out.push_str(&line);
                    ctx.depth += 1;
                    if truncated {
                        let remaining = num - MAX_GROUP_WIDTH;
                        let s = if remaining > 1 { "s" } else { "" };
                        ctx.emit(&format!("and {remaining} more exception{s}\n"), '|');
                    } else {
                        // SAFETY: per caller.
                        unsafe { format(t, sub, ctx) };
                    }
                    if last && ctx.need_close {
                        let line = format!("{}+------------------------------------\n", ctx.indent());
                        ctx.out.push_str(&line);
                        ctx.need_close = false;
                    }
                    ctx.depth -= 1;
                }
                if toplevel {
                    ctx.depth = 0;
                }
            }
        }
    }
}

/// `TracebackException.format_exception_only()`: the message line (or a `SyntaxError`'s
/// location and message), then the notes.
unsafe fn format_exception_only(n: &Node) -> String {
    // SAFETY: per caller, a live exception.
    unsafe {
        let tp = type_of(n.exc);
        let stype = type_display_name(tp);
        let mut out = if typeobject::is_subtype(tp, &raw mut _PyExc_SyntaxError) {
            format_syntax_error(n.exc, &stype)
        } else if n.text.is_empty() {
            format!("{stype}\n")
        } else {
            format!("{stype}: {}\n", n.text)
        };
        if let Some(notes) = notes_of(n.exc) {
            let seq = has_flag(type_of(notes), Py_TPFLAGS_LIST_SUBCLASS | Py_TPFLAGS_TUPLE_SUBCLASS);
            if seq {
                let items: Vec<*mut PyObject> = if has_flag(type_of(notes), Py_TPFLAGS_LIST_SUBCLASS) {
                    listobject::items(notes).to_vec()
                } else {
                    tupleobject::items(notes).to_vec()
                };
                for note in items {
                    for line in safe_str(note, "note").split('\n') {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            } else {
                out.push_str(&safe_repr(notes, "__notes__"));
                out.push('\n');
            }
        }
        out
    }
}

/// `TracebackException._format_syntax_error`, without colour.
unsafe fn format_syntax_error(exc: *mut PyObject, stype: &str) -> String {
    // SAFETY: per caller, a SyntaxError.
    unsafe {
        let f = fields::syntax_fields(exc);
        let opt = |o: *mut PyObject| (!o.is_null() && o != singletons::none()).then_some(o);
        let is_str = |o: *mut PyObject| typeobject::type_check(o, &raw mut unicodeobject::PyUnicode_Type);
        let int_of = |o: *mut PyObject| {
            opt(o)
                .filter(|&o| has_flag(type_of(o), Py_TPFLAGS_LONG_SUBCLASS))
                .and_then(|o| longobject::as_i64(o))
        };
        let mut out = String::new();
        let filename = opt(f.filename).map(|o| safe_str(o, "filename"));
        let lineno = opt(f.lineno).map(|o| safe_str(o, "lineno"));
        let end_lineno = opt(f.end_lineno).map(|o| safe_str(o, "end_lineno"));
        let mut suffix = String::new();
        if let Some(l) = &lineno {
            let file = filename.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "<string>".into());
            out.push_str(&format!("  File \"{file}\", line {l}\n"));
        } else if let Some(file) = &filename {
            suffix = format!(" ({file})");
        }
        if let Some(text) = opt(f.text).filter(|&t| is_str(t)) {
            let text = unicodeobject::as_str(text);
            let rtext = text.trim_end_matches('\n');
            let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
            let len = |s: &str| s.chars().count() as i64;
            let spaces = len(rtext) - len(ltext);
            match int_of(f.offset) {
                None => out.push_str(&format!("    {ltext}\n")),
                Some(mut offset) => {
                    let mut end_offset = if lineno == end_lineno {
                        int_of(f.end_offset).filter(|&e| e != 0).unwrap_or(offset)
                    } else {
                        len(rtext) + 1
                    };
                    if !text.is_empty() && offset > len(text) {
                        offset = len(rtext) + 1;
                    }
                    if !text.is_empty() && end_offset > len(text) {
                        end_offset = len(rtext) + 1;
                    }
                    if offset >= end_offset || end_offset < 0 {
                        end_offset = offset + 1;
                    }
                    let colno = offset - 1 - spaces;
                    let end_colno = end_offset - 1 - spaces;
                    out.push_str(&format!("    {ltext}\n"));
                    if colno >= 0 {
                        let caretspace: String = ltext
                            .chars()
                            .take(colno as usize)
                            .map(|c| if c.is_whitespace() { c } else { ' ' })
                            .collect();
                        let carets = "^".repeat((end_colno - colno).max(0) as usize);
                        out.push_str(&format!("    {caretspace}{carets}\n"));
                    }
                }
            }
        }
        let msg = opt(f.msg)
            .filter(|&m| {
                abstract_::is_true(m).unwrap_or_else(|_| {
                    errors::clear();
                    true
                })
            })
            .map(|m| safe_str(m, "msg"))
            .unwrap_or_else(|| "<no detail available>".into());
        out.push_str(&format!("{stype}: {msg}{suffix}\n"));
        out
    }
}

/// What `PyErr_Display` prints for `value`.
pub(crate) unsafe fn format_exception(value: *mut PyObject) -> String {
    // SAFETY: per caller, a live object.
    unsafe {
        if !is_exception_instance(value) {
            return format!(
                "TypeError: print_exception(): Exception expected for value, {} found\n",
                type_name(type_of(value))
            );
        }
        let saved = errors::take_raised();
        let tree = Tree::build(value);
        let mut ctx = Ctx { out: String::new(), depth: 0, need_close: false };
        format(&tree, 0, &mut ctx);
        drop(tree);
        errors::set_raised(saved);
        ctx.out
    }
}

/// `PyErr_Display`: prints `value` on stderr.
pub(crate) unsafe fn display(value: *mut PyObject) {
    // SAFETY: per caller.
    let text = unsafe { format_exception(value) };
    crate::fatal::write_stderr(&text);
}

/// What CPython's default `sys.unraisablehook` prints: "Exception ignored in: repr(obj)"
/// (or `msg:`), then `Type: message`.
unsafe fn format_unraisable(exc: *mut PyObject, msg: Option<&str>, obj: *mut PyObject) -> String {
    // SAFETY: per caller, a live exception and NULL or a live object.
    unsafe {
        let mut out = String::new();
        if !obj.is_null() && obj != singletons::none() {
            out.push_str(msg.unwrap_or("Exception ignored in"));
            out.push_str(": ");
            out.push_str(&repr_of(obj).unwrap_or_else(|_| {
                errors::clear();
                "<object repr() failed>".into()
            }));
            out.push('\n');
        } else if let Some(m) = msg {
            out.push_str(m);
            out.push_str(":\n");
        }
        out.push_str(&type_display_name(type_of(exc)));
        out.push_str(": ");
        out.push_str(&str_of(exc).unwrap_or_else(|_| {
            errors::clear();
            "<exception str() failed>".into()
        }));
        out.push('\n');
        out
    }
}

/// `PyErr_WriteUnraisable(obj)`: reports the current exception (cleared) on stderr; does
/// nothing if none is set.
pub(crate) unsafe fn write_unraisable(obj: *mut PyObject) {
    // SAFETY: per caller.
    unsafe { write_unraisable_impl(None, obj) }
}

/// `PyErr_FormatUnraisable` with a plain message: "msg: repr(obj)" or "msg:" then the
/// exception.
pub(crate) fn write_unraisable_msg(msg: &str, obj: *mut PyObject) {
    // SAFETY: `obj` is NULL or live, per callers.
    unsafe { write_unraisable_impl(Some(msg), obj) }
}

unsafe fn write_unraisable_impl(msg: Option<&str>, obj: *mut PyObject) {
    let exc = errors::take_raised();
    if exc.is_null() {
        return;
    }
    // SAFETY: the exception we took, dropped after printing.
    unsafe {
        let text = format_unraisable(exc, msg, obj);
        decref(exc);
        errors::clear();
        crate::fatal::write_stderr(&text);
    }
}

/// `SystemExit` handling of `PyErr_Print`: if the current exception is a `SystemExit`, the
/// process ends: status `code` for an int, 0 for `None`, else `str(code)` is printed and
/// the status is 1. CPython finalizes first (`Py_Exit`): so do we when called in the main
/// interpreter; elsewhere the process exits directly.
pub(crate) unsafe fn handle_system_exit() {
    if !errors_matches_system_exit() {
        return;
    }
    let exc = errors::take_raised();
    // SAFETY: a SystemExit instance we own.
    let status = unsafe {
        let code = fields::system_exit_code(exc);
        let code = if code.is_null() { singletons::none() } else { code };
        let status = if code == singletons::none() {
            0
        } else if has_flag(type_of(code), Py_TPFLAGS_LONG_SUBCLASS) {
            longobject::as_i64(code).map_or(-1, |v| v as i32)
        } else {
            let text = safe_str(code, "object");
            crate::fatal::write_stderr(&format!("{text}\n"));
            1
        };
        decref(exc);
        status
    };
    libc_flush_stdout();
    let ts = crate::tstate::current();
    // SAFETY: the attached thread state, if any.
    let in_main = !ts.is_null() && unsafe { (*ts).interp().is_main };
    if in_main && crate::lifecycle::finalize() < 0 {
        std::process::exit(120);
    }
    std::process::exit(status);
}

fn errors_matches_system_exit() -> bool {
    // SAFETY: a static type.
    unsafe { errors::matches(&raw mut _PyExc_SystemExit) }
}

fn libc_flush_stdout() {
    // SAFETY: fflush(NULL) flushes every C stream; no preconditions.
    unsafe { libc::fflush(std::ptr::null_mut()) };
}

/// `PyErr_PrintEx`: exits for a `SystemExit`, else prints the current exception (cleared)
/// as `sys.excepthook` would (`sys.last_exc` comes with the `sys` module).
pub(crate) unsafe fn print_current() {
    // SAFETY: per caller.
    unsafe {
        handle_system_exit();
        let exc = errors::take_raised();
        if exc.is_null() {
            return;
        }
        display(exc);
        decref(exc);
    }
}
