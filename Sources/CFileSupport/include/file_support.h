#ifndef TERMLABEL_FILE_SUPPORT_H
#define TERMLABEL_FILE_SUPPORT_H

/// Flushes every file of the file system holding `descriptor` (Linux syncfs, which Glibc's
/// Swift module does not export); returns 0, or -1 with errno set.
int termlabel_syncfs(int descriptor);

/// The device number of the file system holding `descriptor`, or 0 if it cannot be found.
unsigned long long termlabel_device(int descriptor);

#endif
