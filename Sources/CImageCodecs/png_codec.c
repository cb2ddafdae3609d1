#include "image_codecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>

struct tl_png {
    png_structp reader;
    png_infop info;
    const uint8_t *data;
    size_t size;
    size_t offset;
    char message[256];
};

static void tl_png_error_fn(png_structp reader, png_const_charp text) {
    tl_png *png = (tl_png *)png_get_error_ptr(reader);
    snprintf(png->message, sizeof png->message, "%s", text);
    png_longjmp(reader, 1);
}

static void tl_png_warning_fn(png_structp reader, png_const_charp text) {
    (void)reader;
    (void)text;  // warnings (a bad ancillary chunk) do not stop a picture that displays fine
}

static void tl_png_read_fn(png_structp reader, png_bytep out, png_size_t count) {
    tl_png *png = (tl_png *)png_get_io_ptr(reader);
    if (count > png->size - png->offset) {
        snprintf(png->message, sizeof png->message, "the data ends before the picture does");
        png_longjmp(reader, 1);
    }
    memcpy(out, png->data + png->offset, count);
    png->offset += count;
}

tl_png *tl_png_open(const uint8_t *data, size_t size, char *error, size_t error_size) {
    tl_png *png = calloc(1, sizeof *png);
    if (!png) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    png->data = data;
    png->size = size;
    png->reader = png_create_read_struct(PNG_LIBPNG_VER_STRING, png, tl_png_error_fn, tl_png_warning_fn);
    if (!png->reader) {
        snprintf(error, error_size, "cannot start libpng");
        free(png);
        return NULL;
    }
    png->info = png_create_info_struct(png->reader);
    if (!png->info || setjmp(png_jmpbuf(png->reader))) {
        snprintf(error, error_size, "%s", png->message[0] ? png->message : "cannot read the PNG header");
        png_destroy_read_struct(&png->reader, png->info ? &png->info : NULL, NULL);
        free(png);
        return NULL;
    }
    // Our own pixel budget is checked before decoding; libpng's default cap of 1M per side
    // would refuse legitimate panoramas.
    png_set_user_limits(png->reader, 0x7fffffff, 0x7fffffff);
    png_set_read_fn(png->reader, png, tl_png_read_fn);
    png_read_info(png->reader, png->info);
    return png;
}

void tl_png_info(const tl_png *png, int *width, int *height, int *bit_depth, int *color_type, int *interlaced) {
    *width = (int)png_get_image_width(png->reader, png->info);
    *height = (int)png_get_image_height(png->reader, png->info);
    *bit_depth = png_get_bit_depth(png->reader, png->info);
    *color_type = png_get_color_type(png->reader, png->info);
    *interlaced = png_get_interlace_type(png->reader, png->info) != PNG_INTERLACE_NONE;
}

int tl_png_has_alpha(const tl_png *png) {
    int color_type = png_get_color_type(png->reader, png->info);
    return (color_type & PNG_COLOR_MASK_ALPHA) || png_get_valid(png->reader, png->info, PNG_INFO_tRNS);
}

int tl_png_start(tl_png *png) {
    if (setjmp(png_jmpbuf(png->reader))) return -1;
    png_structp reader = png->reader;
    int color_type = png_get_color_type(reader, png->info);
    int bit_depth = png_get_bit_depth(reader, png->info);
    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(reader);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(reader);
    if (png_get_valid(reader, png->info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(reader);
    if (bit_depth == 16) png_set_scale_16(reader);
    if (color_type == PNG_COLOR_TYPE_GRAY || color_type == PNG_COLOR_TYPE_GRAY_ALPHA) png_set_gray_to_rgb(reader);
    png_set_filler(reader, 0xFF, PNG_FILLER_AFTER);
    if (png_get_interlace_type(reader, png->info) != PNG_INTERLACE_NONE) png_set_interlace_handling(reader);
    png_read_update_info(reader, png->info);
    if (png_get_rowbytes(reader, png->info) != (size_t)png_get_image_width(reader, png->info) * 4) {
        snprintf(png->message, sizeof png->message, "unexpected row layout after conversion");
        return -1;
    }
    return 0;
}

int tl_png_read_rows(tl_png *png, uint8_t *buffer, int max_rows, size_t stride) {
    if (setjmp(png_jmpbuf(png->reader))) return -1;
    for (int i = 0; i < max_rows; i++) png_read_row(png->reader, buffer + (size_t)i * stride, NULL);
    return max_rows;
}

int tl_png_read_image(tl_png *png, uint8_t *buffer, size_t stride) {
    int height = (int)png_get_image_height(png->reader, png->info);
    png_bytep *rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (!rows) {
        snprintf(png->message, sizeof png->message, "out of memory");
        return -1;
    }
    for (int i = 0; i < height; i++) rows[i] = buffer + (size_t)i * stride;
    if (setjmp(png_jmpbuf(png->reader))) {
        free(rows);
        return -1;
    }
    png_read_image(png->reader, rows);
    free(rows);
    return 0;
}

const char *tl_png_error(const tl_png *png) { return png->message; }

void tl_png_close(tl_png *png) {
    if (!png) return;
    png_destroy_read_struct(&png->reader, &png->info, NULL);
    free(png);
}

int tl_png_write_rgba(const char *path, int width, int height, const uint8_t *pixels, size_t stride, char *error, size_t error_size) {
    FILE *file = fopen(path, "wb");
    if (!file) {
        snprintf(error, error_size, "cannot create the file");
        return -1;
    }
    tl_png state;
    memset(&state, 0, sizeof state);
    png_structp writer = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, tl_png_error_fn, tl_png_warning_fn);
    png_infop info = writer ? png_create_info_struct(writer) : NULL;
    if (!writer || !info || setjmp(png_jmpbuf(writer))) {
        snprintf(error, error_size, "%s", state.message[0] ? state.message : "libpng could not write it");
        png_destroy_write_struct(&writer, info ? &info : NULL);
        fclose(file);
        return -1;
    }
    png_init_io(writer, file);
    png_set_IHDR(writer, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB_ALPHA, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(writer, info);
    for (int y = 0; y < height; y++) png_write_row(writer, (png_const_bytep)(pixels + (size_t)y * stride));
    png_write_end(writer, info);
    png_destroy_write_struct(&writer, &info);
    if (fclose(file) != 0) {
        snprintf(error, error_size, "cannot finish writing the file");
        return -1;
    }
    return 0;
}

typedef struct {
    uint8_t *bytes;
    size_t size;
    size_t capacity;
    int failed;
} tl_png_buffer;

static void tl_png_buffer_write(png_structp writer, png_bytep data, png_size_t count) {
    tl_png_buffer *buffer = (tl_png_buffer *)png_get_io_ptr(writer);
    if (buffer->failed) return;
    if (buffer->size + count > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 4096;
        while (capacity < buffer->size + count) capacity *= 2;
        uint8_t *grown = realloc(buffer->bytes, capacity);
        if (!grown) { buffer->failed = 1; return; }
        buffer->bytes = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->bytes + buffer->size, data, count);
    buffer->size += count;
}

static void tl_png_buffer_flush(png_structp writer) { (void)writer; }

int tl_png_encode(uint8_t **out, size_t *out_size, int width, int height, int channels, const uint8_t *rows, size_t stride,
                  const uint8_t *palette, int palette_count, char *error, size_t error_size) {
    *out = NULL;
    *out_size = 0;
    int color_type = palette ? PNG_COLOR_TYPE_PALETTE : channels == 1 ? PNG_COLOR_TYPE_GRAY : channels == 3 ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA;
    tl_png state;
    memset(&state, 0, sizeof state);
    tl_png_buffer buffer = { NULL, 0, 0, 0 };
    png_structp writer = png_create_write_struct(PNG_LIBPNG_VER_STRING, &state, tl_png_error_fn, tl_png_warning_fn);
    png_infop info = writer ? png_create_info_struct(writer) : NULL;
    if (!writer || !info || setjmp(png_jmpbuf(writer))) {
        snprintf(error, error_size, "%s", state.message[0] ? state.message : "libpng could not encode it");
        png_destroy_write_struct(&writer, info ? &info : NULL);
        free(buffer.bytes);
        return -1;
    }
    png_set_write_fn(writer, &buffer, tl_png_buffer_write, tl_png_buffer_flush);
    png_set_IHDR(writer, info, (png_uint_32)width, (png_uint_32)height, 8, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (palette) {
        png_color colors[256];
        int count = palette_count > 256 ? 256 : palette_count;
        for (int i = 0; i < count; i++) { colors[i].red = palette[i * 3]; colors[i].green = palette[i * 3 + 1]; colors[i].blue = palette[i * 3 + 2]; }
        png_set_PLTE(writer, info, colors, count);
    }
    png_write_info(writer, info);
    for (int y = 0; y < height; y++) png_write_row(writer, (png_const_bytep)(rows + (size_t)y * stride));
    png_write_end(writer, info);
    png_destroy_write_struct(&writer, &info);
    if (buffer.failed) {
        snprintf(error, error_size, "out of memory");
        free(buffer.bytes);
        return -1;
    }
    *out = buffer.bytes;
    *out_size = buffer.size;
    return 0;
}

void tl_free(void *pointer) { free(pointer); }
