/* cairn — SHA-256, private to the library */
#ifndef CAIRN_SHA256_H
#define CAIRN_SHA256_H

#include <stddef.h>

/* The SHA-256 of data as 64 lower-case hex digits and a NUL. */
void cairn_sha256_hex(char out[65], const void *data, size_t len);

#endif
