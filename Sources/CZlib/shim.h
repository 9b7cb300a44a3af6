#ifndef WAYMARK_CZLIB_SHIM_H
#define WAYMARK_CZLIB_SHIM_H

// zlib from the system (Debian: zlib1g-dev), for the GZIP that W3C Bitstring Status Lists are
// compressed with. Only WaymarkCredentials imports it.
#include <zlib.h>

// deflateInit2 and inflateInit2 are macros that pass the library's version and the stream's
// size; Swift cannot call a macro, so these call them.
static inline int waymark_gzip_deflate_init(z_streamp stream, int level) {
    // 15 + 16: a 32 KB window, written with a GZIP header and trailer (RFC 1952).
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}

static inline int waymark_gzip_inflate_init(z_streamp stream) {
    // 15 + 16: read GZIP only (a raw or zlib-wrapped stream is refused).
    return inflateInit2(stream, 15 + 16);
}

#endif
