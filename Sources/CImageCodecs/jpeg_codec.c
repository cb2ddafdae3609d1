#include "image_codecs.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include <jerror.h>

struct tl_jpeg {
    struct jpeg_decompress_struct info;
    struct jpeg_error_mgr errors;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX + 64];
    int truncated;
    int started;
};

static void tl_jpeg_error_exit(j_common_ptr common) {
    tl_jpeg *jpeg = (tl_jpeg *)common->client_data;
    (*common->err->format_message)(common, jpeg->message);
    longjmp(jpeg->jump, 1);
}

static void tl_jpeg_emit_message(j_common_ptr common, int level) {
    tl_jpeg *jpeg = (tl_jpeg *)common->client_data;
    // Level -1 is a warning. Data that ends early is made an error (a truncated file);
    // other warnings ("extraneous bytes before marker") are common in files that display fine.
    if (level == -1 && common->err->msg_code == JWRN_JPEG_EOF) {
        jpeg->truncated = 1;
        snprintf(jpeg->message, sizeof jpeg->message, "the data ends before the picture does");
    }
}

tl_jpeg *tl_jpeg_open(const uint8_t *data, size_t size, char *error, size_t error_size) {
    tl_jpeg *jpeg = calloc(1, sizeof *jpeg);
    if (!jpeg) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    jpeg->info.err = jpeg_std_error(&jpeg->errors);
    jpeg->errors.error_exit = tl_jpeg_error_exit;
    jpeg->errors.emit_message = tl_jpeg_emit_message;
    jpeg->info.client_data = jpeg;
    if (setjmp(jpeg->jump)) {
        snprintf(error, error_size, "%s", jpeg->message);
        jpeg_destroy_decompress(&jpeg->info);
        free(jpeg);
        return NULL;
    }
    jpeg_create_decompress(&jpeg->info);
    jpeg_mem_src(&jpeg->info, data, (unsigned long)size);
    jpeg_read_header(&jpeg->info, TRUE);
    return jpeg;
}

void tl_jpeg_info(const tl_jpeg *jpeg, int *width, int *height, int *components, int *progressive) {
    *width = (int)jpeg->info.image_width;
    *height = (int)jpeg->info.image_height;
    *components = jpeg->info.num_components;
    *progressive = jpeg->info.progressive_mode ? 1 : 0;
}

int tl_jpeg_start(tl_jpeg *jpeg, int denominator, int fast, int *out_width, int *out_height, int *out_components,
                  int *inverted_cmyk) {
    if (setjmp(jpeg->jump)) return -1;
    struct jpeg_decompress_struct *info = &jpeg->info;
    info->scale_num = 1;
    info->scale_denom = (unsigned int)denominator;
    if (info->jpeg_color_space == JCS_CMYK || info->jpeg_color_space == JCS_YCCK) {
        info->out_color_space = JCS_CMYK;
        // Photoshop writes CMYK inverted and says so in its APP14 marker.
        *inverted_cmyk = info->saw_Adobe_marker ? 1 : 0;
    } else {
        info->out_color_space = JCS_RGB;
        *inverted_cmyk = 0;
    }
    if (fast) {
        // Reduced pictures are averaged down further anyway: the fastest IDCT and plain
        // upsampling lose nothing visible there.
        info->dct_method = JDCT_IFAST;
        info->do_fancy_upsampling = FALSE;
    }
    jpeg_start_decompress(info);
    jpeg->started = 1;
    *out_width = (int)info->output_width;
    *out_height = (int)info->output_height;
    *out_components = info->output_components;
    return 0;
}

int tl_jpeg_read_rows(tl_jpeg *jpeg, uint8_t *buffer, int max_rows, size_t stride) {
    if (setjmp(jpeg->jump)) return -1;
    struct jpeg_decompress_struct *info = &jpeg->info;
    int read = 0;
    JSAMPROW rows[16];
    while (read < max_rows && info->output_scanline < info->output_height) {
        int batch = max_rows - read;
        if (batch > 16) batch = 16;
        for (int i = 0; i < batch; i++) rows[i] = buffer + (size_t)(read + i) * stride;
        JDIMENSION got = jpeg_read_scanlines(info, rows, (JDIMENSION)batch);
        if (jpeg->truncated) return -1;
        if (got == 0) break;
        read += (int)got;
    }
    return read;
}

const char *tl_jpeg_error(const tl_jpeg *jpeg) { return jpeg->message; }

void tl_jpeg_close(tl_jpeg *jpeg) {
    if (!jpeg) return;
    if (setjmp(jpeg->jump) == 0) {
        if (jpeg->started) jpeg_abort_decompress(&jpeg->info);
    }
    jpeg_destroy_decompress(&jpeg->info);
    free(jpeg);
}
