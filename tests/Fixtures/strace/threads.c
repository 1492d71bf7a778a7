#include <pthread.h>
#include <unistd.h>
#include <time.h>
static void *worker(void *arg) {
    struct timespec t = {0, 20000000L * (long)(size_t)arg};
    nanosleep(&t, 0);
    write(1, "worker\n", 7);
    return 0;
}
int main(void) {
    pthread_t a, b;
    pthread_create(&a, 0, worker, (void *)1);
    pthread_create(&b, 0, worker, (void *)2);
    pthread_join(a, 0);
    pthread_join(b, 0);
    write(1, "done\n", 5);
    return 0;
}
