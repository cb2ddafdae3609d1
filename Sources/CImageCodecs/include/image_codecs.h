#ifndef TERMLABEL_IMAGE_CODECS_H
#define TERMLABEL_IMAGE_CODECS_H

// Thin wrappers over libjpeg(-turbo) and libpng. Both libraries report errors by longjmp,
// which Swift cannot catch, so every call that may fail sets its own setjmp here and turns
// the error into a return value and a message. Input is always a memory buffer.

#include <stddef.h>
#include <stdint.h>

typedef struct tl_jpeg tl_jpeg;

// Reads the header. Returns NULL (with `error` filled in) if the data is not a readable JPEG.
tl_jpeg *tl_jpeg_open(const uint8_t *data, size_t size, char *error, size_t error_size);
// Stored size and colour components (1 grey, 3 YCbCr/RGB, 4 CMYK/YCCK), and whether the
// CMYK data is Adobe-inverted.
void tl_jpeg_info(const tl_jpeg *jpeg, int *width, int *height, int *components, int *progressive);
// Starts decoding at 1/`denominator` scale (1, 2, 4 or 8) in the DCT domain. Output is RGB
// (3 bytes) or, for CMYK files, CMYK (4 bytes); `inverted_cmyk` tells whether it is Adobe's
// inverted form. Returns 0, or -1 with the error message set.
int tl_jpeg_start(tl_jpeg *jpeg, int denominator, int fast, int *out_width, int *out_height, int *out_components,
                  int *inverted_cmyk);
// Reads up to `max_rows` rows into `buffer` (rows `stride` bytes apart). Returns the number of
// rows read, or -1 on error (including data that ends early).
int tl_jpeg_read_rows(tl_jpeg *jpeg, uint8_t *buffer, int max_rows, size_t stride);
const char *tl_jpeg_error(const tl_jpeg *jpeg);
void tl_jpeg_close(tl_jpeg *jpeg);

typedef struct tl_png tl_png;

tl_png *tl_png_open(const uint8_t *data, size_t size, char *error, size_t error_size);
void tl_png_info(const tl_png *png, int *width, int *height, int *bit_depth, int *color_type, int *interlaced);
// Sets transforms to 8-bit RGBA (palette expanded, grey to RGB, 16 bits scaled, opaque alpha
// added). Returns 0, or -1 with the error message set.
int tl_png_start(tl_png *png);
// Whether the picture has an alpha channel or a transparent colour (tRNS).
int tl_png_has_alpha(const tl_png *png);
// Non-interlaced files: reads up to `max_rows` RGBA rows. Returns rows read or -1.
int tl_png_read_rows(tl_png *png, uint8_t *buffer, int max_rows, size_t stride);
// Interlaced files: reads the whole image into `buffer` (height rows). Returns 0 or -1.
int tl_png_read_image(tl_png *png, uint8_t *buffer, size_t stride);
const char *tl_png_error(const tl_png *png);
void tl_png_close(tl_png *png);

// Writes 8-bit RGBA pixels (rows `stride` bytes apart) as a PNG file. Returns 0, or -1 with
// `error` filled in.
int tl_png_write_rgba(const char *path, int width, int height, const uint8_t *pixels, size_t stride, char *error, size_t error_size);
// Encodes rows of 1 (gray), 3 (RGB) or 4 (RGBA) bytes a pixel, or palette indices when
// `palette` (RGB triples) is given, into a new buffer (release it with tl_free).
int tl_png_encode(uint8_t **out, size_t *out_size, int width, int height, int channels, const uint8_t *rows, size_t stride,
                  const uint8_t *palette, int palette_count, char *error, size_t error_size);
void tl_free(void *pointer);

#endif
