#include "terminal_support.h"

#include <signal.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_tty;
static volatile sig_atomic_t saved_tty_valid = 0;

void termlabel_save_tty(void) {
    saved_tty_valid = tcgetattr(STDIN_FILENO, &saved_tty) == 0;
}

static void crash_restore(int sig) {
    // Stop mouse reporting, reset colours, show the cursor, leave the alternate screen.
    static const char reset[] = "\033[?1000l\033[?1002l\033[?1003l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
    if (saved_tty_valid) tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    signal(sig, SIG_DFL);
    raise(sig);
}

void termlabel_install_crash_restore(void) {
    int signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
    for (unsigned i = 0; i < sizeof signals / sizeof signals[0]; i++) signal(signals[i], crash_restore);
}
