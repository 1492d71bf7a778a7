using System.Runtime.InteropServices;
using SyscallBench.Core.Recording.Bpftrace;
using SyscallBench.Core.Recording.Linux;
using SyscallBench.Core.Recording.RingBuffer;

namespace SyscallBench.Core.Recording;

/// <summary>
/// What recording needs (root, x86-64 Linux, cgroup v2, an engine) and which capture engine it uses: said before
/// anything starts, with what to do about what is missing.
/// </summary>
public static class CaptureEngines
{
    /// <summary>Root, x86-64 Linux: what every engine needs; the message says what to do.</summary>
    public static void CheckMachine()
    {
        if (MachineProblem() is { } problem)
        {
            throw new SyscallBenchException(problem);
        }
    }

    private static string? MachineProblem()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "record captures system calls with eBPF, which needs Linux.";
        }

        if (RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return $"record names system calls with the x86-64 table; this machine is {RuntimeInformation.OSArchitecture}.";
        }

        return LinuxNative.GetEffectiveUserId() != 0 ? "record needs root (eBPF programs and cgroups): run it with sudo." : null;
    }

    /// <summary>
    /// Why `record -- COMMAND` with <paramref name="engine"/> cannot run here (not root, no cgroup v2, the engine or
    /// tracefs missing), or null when it can. Changes nothing: tracefs is not mounted here, only looked for.
    /// </summary>
    public static string? WhyCannotRecordCommands(CaptureEngineChoice engine)
    {
        if (MachineProblem() is { } problem)
        {
            return problem;
        }

        if (CgroupV2.Find() is null)
        {
            return "no cgroup2 file system is mounted (see /proc/mounts).";
        }

        var ringBufferMissing = RingBufferMissing();
        var bpftraceMissing = ExternalProgram.FindOnPath("bpftrace") is null ? "bpftrace (apt-get install -y bpftrace)"
            : Tracefs.IsAvailable() ? null : $"tracefs ({Tracefs.MountCommand})";
        return engine switch
        {
            CaptureEngineChoice.RingBuffer => ringBufferMissing is null ? null : $"the ring-buffer engine needs {ringBufferMissing}.",
            CaptureEngineChoice.Bpftrace => bpftraceMissing is null ? null : $"the bpftrace engine needs {bpftraceMissing}.",
            _ => ringBufferMissing is null || bpftraceMissing is null ? null : $"no capture engine: the ring buffer needs {ringBufferMissing}; bpftrace needs {bpftraceMissing}.",
        };
    }

    /// <summary>The engine asked for, or for "auto" the ring buffer where it can run and bpftrace otherwise.</summary>
    public static ICaptureEngine Create(RecordingRequest request, IRecordingLog log)
    {
        var choice = request.Engine;
        if (choice == CaptureEngineChoice.Auto)
        {
            var missing = RingBufferMissing();
            if (missing is null)
            {
                choice = CaptureEngineChoice.RingBuffer;
            }
            else if (ExternalProgram.FindOnPath("bpftrace") is not null)
            {
                log.Note($"using bpftrace, which is much slower at high call rates: the ring-buffer engine needs {missing}.");
                choice = CaptureEngineChoice.Bpftrace;
            }
            else
            {
                throw new SyscallBenchException($"no capture engine is installed: apt-get install -y clang libbpf-dev (the ring-buffer engine; missing: {missing}), or apt-get install -y bpftrace.");
            }
        }

        if (choice == CaptureEngineChoice.RingBuffer)
        {
            return new RingBufferEngine(request.BufferMegabytes);
        }

        var bpftrace = ExternalProgram.FindOnPath("bpftrace") ?? throw new SyscallBenchException("bpftrace is not installed: apt-get install -y bpftrace (or use --engine ring-buffer).");
        if (Tracefs.EnsureMounted() is { } problem)
        {
            throw new SyscallBenchException("bpftrace reads the raw_syscalls tracepoints through tracefs: " + problem);
        }

        return new BpftraceEngine(bpftrace, request.BufferMegabytes, lineBuffered: request.WritesStandardOutput);
    }

    /// <summary>What the ring-buffer engine lacks here, or null.</summary>
    private static string? RingBufferMissing()
    {
        var missing = new List<string>();
        if (BpfObjectCompiler.MissingTools() is { } tools)
        {
            missing.Add(tools);
        }

        if (!LibBpf.IsInstalled())
        {
            missing.Add("libbpf1");
        }

        if (!File.Exists("/sys/kernel/btf/vmlinux"))
        {
            missing.Add("kernel BTF (/sys/kernel/btf/vmlinux)");
        }

        return missing.Count == 0 ? null : string.Join(", ", missing);
    }
}
