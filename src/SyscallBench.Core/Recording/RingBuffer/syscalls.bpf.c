// SPDX-License-Identifier: GPL-2.0
// SyscallBench `record`, ring-buffer engine: every system call entry and exit of the selected cgroups as a
// fixed 64-byte binary event in one BPF ring buffer, which the recorder drains in batches (RingBufferEngine.cs).
// Compiled on first use with: clang -O2 -g -target bpf -c syscalls.bpf.c
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>

// Only the field read here; CO-RE finds its offset in the running kernel's BTF (/sys/kernel/btf/vmlinux).
struct pt_regs {
    long orig_ax;
} __attribute__((preserve_access_index));

// The layout RingBufferEngine.cs reads: keep both in step (and EventLayoutVersion there).
struct event {
    __u64 monotonic_ns;
    __u64 cgroup_id;
    __s64 return_value;
    __u32 pid;
    __u32 tid;
    __u32 uid;
    __s32 syscall;
    __u8 exit;
    __u8 padding[7];
    char comm[16];
};

struct settings {
    __u32 all_cgroups;   // 1: every cgroup; 0: only those in the cgroups map
    __u32 recorder_tgid; // never record the recorder itself (writing its output would make more events)
    __u64 wakeup_bytes;  // wake the reader only once this much is waiting; it also drains every 100 ms
};

struct {
    __uint(type, BPF_MAP_TYPE_RINGBUF);
    __uint(max_entries, 32 << 20); // set from --buffer-mb before loading
} events SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, __u64);
} lost SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, __u64);
    __type(value, __u8);
} cgroups SEC(".maps");

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 1);
    __type(key, __u32);
    __type(value, struct settings);
} config SEC(".maps");

static __always_inline int record(long syscall, long return_value, __u8 exit)
{
    __u32 zero = 0;
    struct settings *settings = bpf_map_lookup_elem(&config, &zero);
    if (!settings)
        return 0;
    __u64 pid_tgid = bpf_get_current_pid_tgid();
    if ((__u32)(pid_tgid >> 32) == settings->recorder_tgid)
        return 0;
    __u64 cgroup_id = bpf_get_current_cgroup_id();
    if (!settings->all_cgroups && !bpf_map_lookup_elem(&cgroups, &cgroup_id))
        return 0;
    struct event *e = bpf_ringbuf_reserve(&events, sizeof(*e), 0);
    if (!e) {
        // The buffer is full: count the event, so the recording says how many are missing.
        __u64 *count = bpf_map_lookup_elem(&lost, &zero);
        if (count)
            *count += 1;
        return 0;
    }
    e->monotonic_ns = bpf_ktime_get_ns();
    e->cgroup_id = cgroup_id;
    e->return_value = return_value;
    e->pid = pid_tgid >> 32;
    e->tid = (__u32)pid_tgid;
    e->uid = (__u32)bpf_get_current_uid_gid();
    e->syscall = (__s32)syscall;
    e->exit = exit;
    bpf_get_current_comm(e->comm, sizeof(e->comm));
    // Waking the reader for every event costs more than the event itself: wake it only when a batch is waiting.
    __u64 waiting = bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA);
    bpf_ringbuf_submit(e, waiting >= settings->wakeup_bytes ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
    return 0;
}

// Raw tracepoints: cheaper than the tracefs tracepoints (no trace record is built) and need no tracefs mount.
SEC("raw_tracepoint/sys_enter")
int on_enter(struct bpf_raw_tracepoint_args *ctx)
{
    return record((long)ctx->args[1], 0, 0);
}

SEC("raw_tracepoint/sys_exit")
int on_exit(struct bpf_raw_tracepoint_args *ctx)
{
    struct pt_regs *regs = (struct pt_regs *)ctx->args[0];
    return record(BPF_CORE_READ(regs, orig_ax), (long)ctx->args[1], 1);
}

char LICENSE[] SEC("license") = "GPL";
