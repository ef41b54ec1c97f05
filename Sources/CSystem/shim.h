/* Linux calls Swift cannot import directly (prctl is variadic). */
#include <signal.h>
#include <sys/prctl.h>

/* Ask the kernel to send SIGKILL to this process when its parent dies. */
static inline int csystem_die_with_parent(void) { return prctl(PR_SET_PDEATHSIG, SIGKILL); }
