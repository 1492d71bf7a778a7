// The fixed workload of the recorder benchmark (run.sh): many small system calls of the three kinds a service
// makes, and a paced loop for the highest loss-free event rate. Prints its own wall time on standard error, so
// the time compared is the traced program's, not the tracer's start-up.
//
//   workload mix ROUNDS        file, process and network calls (on 127.0.0.1)
//   workload rate CALLS_PER_S SECONDS   getppid at a fixed pace (2 events per call: entry and exit)
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t); // vDSO: no system call
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

// One connection over 127.0.0.1: the listening end accepts it, both ends exchange one message, both close.
static void network_round(int listener, struct sockaddr_in *address)
{
    char buffer[64];
    int client = socket(AF_INET, SOCK_STREAM, 0);
    if (client < 0 || connect(client, (struct sockaddr *)address, sizeof(*address)) < 0)
        die("connect");
    int server = accept(listener, NULL, NULL);
    if (server < 0)
        die("accept");
    if (write(client, "ping", 4) != 4 || read(server, buffer, sizeof(buffer)) != 4)
        die("ping");
    if (write(server, "pong", 4) != 4 || read(client, buffer, sizeof(buffer)) != 4)
        die("pong");
    close(server);
    close(client);
}

static int mix(long rounds)
{
    char path[] = "/tmp/syscallbench-workload-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        die("mkstemp");
    char block[512];
    memset(block, 'x', sizeof(block));
    if (write(fd, block, sizeof(block)) != sizeof(block))
        die("write");
    close(fd);

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t length = sizeof(address);
    if (listener < 0 || bind(listener, (struct sockaddr *)&address, sizeof(address)) < 0 || listen(listener, 16) < 0
        || getsockname(listener, (struct sockaddr *)&address, &length) < 0)
        die("listen");
    int null = open("/dev/null", O_WRONLY);

    double start = now();
    for (long round = 0; round < rounds; round++) {
        // file: open, stat, read, seek, close, and a write elsewhere
        struct stat st;
        fd = open(path, O_RDONLY);
        if (fd < 0 || fstat(fd, &st) < 0 || read(fd, block, sizeof(block)) < 0 || lseek(fd, 0, SEEK_SET) < 0)
            die("file");
        close(fd);
        if (stat(path, &st) < 0 || write(null, block, 64) != 64)
            die("stat");
        // network: every round
        network_round(listener, &address);
        // process: every 20th round a child that exits at once
        if (round % 20 == 0) {
            pid_t child = fork();
            if (child == 0)
                _exit(0);
            if (child < 0 || waitpid(child, NULL, 0) != child)
                die("fork");
        }
    }
    double elapsed = now() - start;
    unlink(path);
    fprintf(stderr, "elapsed_s=%.6f\n", elapsed);
    return 0;
}

static int rate(double calls_per_second, double seconds)
{
    // Paced: by time t, t * calls_per_second calls are due; the clock is read every 64 calls, so a machine that
    // cannot keep the pace makes fewer calls in the same time instead of running late.
    double start = now(), elapsed = 0;
    long calls = 0;
    while ((elapsed = now() - start) < seconds) {
        long due = (long)(elapsed * calls_per_second);
        for (int i = 0; i < 64 && calls < due; i++, calls++)
            getppid();
    }
    fprintf(stderr, "elapsed_s=%.6f calls=%ld\n", elapsed, calls);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "mix") == 0)
        return mix(atol(argv[2]));
    if (argc == 4 && strcmp(argv[1], "rate") == 0)
        return rate(atof(argv[2]), atof(argv[3]));
    fprintf(stderr, "usage: %s mix ROUNDS | rate CALLS_PER_S SECONDS\n", argv[0]);
    return 2;
}
