#ifndef TERMLABEL_TERMINAL_SUPPORT_H
#define TERMLABEL_TERMINAL_SUPPORT_H

// Restoring the terminal from a crash: a signal handler may only use async-signal-safe calls
// (tcsetattr, write), so the settings are saved beforehand and restored there.

// Saves the terminal's settings (call before ncurses changes them).
void termlabel_save_tty(void);
// Installs handlers for crashing signals that restore the terminal, then die as they would have.
void termlabel_install_crash_restore(void);

#endif
