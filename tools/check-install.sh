#!/usr/bin/env bash
# Installs into a scratch prefix and builds the README example against it with pkg-config,
# once dynamically and once statically: what a user of `make install` does.
set -euo pipefail
prefix=$(pwd)/build/install-check
rm -rf "$prefix"
make -s install PREFIX="$prefix" >/dev/null
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
src=build/readme_example.c
cc -std=gnu11 -Wall -Werror "$src" -o build/install-dyn $(pkg-config --cflags --libs subinterp) -Wl,-rpath,"$prefix/lib"
build/install-dyn
cc -std=gnu11 -Wall -Werror "$src" -o build/install-static $(pkg-config --cflags subinterp) \
   "$prefix/lib/libsubinterp.a" -pthread -ldl -lm
build/install-static
echo "install-check: dynamic and static builds against $prefix ran"
