#define _GNU_SOURCE
#include <unistd.h>
#include <sys/stat.h>
#include "file_support.h"

int termlabel_syncfs(int descriptor) {
    return syncfs(descriptor);
}

unsigned long long termlabel_device(int descriptor) {
    struct stat status;
    if (fstat(descriptor, &status) != 0) return 0;
    return (unsigned long long)status.st_dev;
}
