#include <pthread.h>
#include <unistd.h>
static void *worker(void *arg) {
    char *argv[] = {"/bin/true", 0};
    (void)arg;
    execv("/bin/true", argv);
    return 0;
}
int main(void) {
    pthread_t a;
    pthread_create(&a, 0, worker, 0);
    pause();
    return 0;
}
