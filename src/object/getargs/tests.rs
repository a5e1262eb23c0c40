//! Unit tests of the format walkers, fed from a plain list of arguments.
