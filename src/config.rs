//! The embedding configuration the runtime keeps after `Py_Initialize*`: a Rust-owned copy
//! of what `PyConfig` said, so C may free its `PyConfig` right after initializing.

/// What the runtime keeps of `PyConfig`.
#[derive(Clone, Debug)]
pub(crate) struct CoreConfig {
    pub(crate) install_signal_handlers: bool,
}

impl CoreConfig {
    /// The configuration `Py_InitializeEx(initsigs)` uses.
    pub(crate) fn for_initialize_ex(initsigs: bool) -> CoreConfig {
        CoreConfig { install_signal_handlers: initsigs }
    }
}
