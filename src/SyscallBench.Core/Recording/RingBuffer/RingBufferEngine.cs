using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SyscallBench.Core.Recording.RingBuffer;

/// <summary>
/// Captures with a small eBPF program of our own (syscalls.bpf.c, compiled by <see cref="BpfObjectCompiler"/>) on the
/// raw sys_enter and sys_exit tracepoints, writing fixed 64-byte binary events into one BPF ring buffer that this
/// process drains in batches through libbpf, as Falco, Tracee and Tetragon capture.
/// </summary>
/// <remarks>
/// Nothing is formatted in the kernel and the reader is woken once per batch (when an eighth of the buffer is
/// waiting) or every 100 ms, instead of once per event as bpftrace's printf does; that is where the cost
/// difference in the README's benchmark comes from. When the buffer is full the program counts the event it could
/// not store (a per-CPU counter); the count is reported as it grows and stored in the recording.
/// </remarks>
public sealed unsafe class RingBufferEngine(int bufferMegabytes) : ICaptureEngine
{
    /// <summary>Bump with any change of struct event in syscalls.bpf.c.</summary>
    public const int EventLayoutVersion = 1;

    public const int PollMilliseconds = 100;

    private readonly List<nint> _links = [];
    private readonly Dictionary<(ulong, ulong), string> _names = [];
    private nint _object;
    private nint _ring;
    private int _lostFd = -1;
    private GCHandle _self;
    private ICaptureSink? _sink;
    private Exception? _sinkError;
    private long _events;
    private long _lostReported;

    public string Name => "ring-buffer";

    /// <summary>One ring buffer in reservation order: events of different CPUs are out of order by the microseconds between reserving and reading the clock.</summary>
    public long MaxDisorderNs => 50_000_000;

    public string Version => $"libbpf {LibBpf.MajorVersion()}.{LibBpf.MinorVersion()}, event layout {EventLayoutVersion}";

    [StructLayout(LayoutKind.Sequential, Size = 64)]
    private struct RawEvent
    {
        public ulong MonotonicNs;
        public ulong CgroupId;
        public long ReturnValue;
        public uint Pid;
        public uint Tid;
        public uint Uid;
        public int Syscall;
        public byte Exit;
        public fixed byte Padding[7];
        public ulong CommLow;
        public ulong CommHigh;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Settings
    {
        public uint AllCgroups;
        public uint RecorderTgid;
        public ulong WakeupBytes;
    }

    public void Start(CaptureFilter filter, CancellationToken cancellation)
    {
        if (!LibBpf.IsInstalled())
        {
            throw new SyscallBenchException($"the ring-buffer engine needs libbpf ({LibBpf.Library}): apt-get install -y libbpf1 (or use --engine bpftrace).");
        }

        var objectPath = BpfObjectCompiler.CompiledObject();
        _object = LibBpf.ObjectOpenFile(objectPath, 0);
        if (_object == 0)
        {
            throw new SyscallBenchException(LibBpf.Error($"{objectPath}: libbpf could not open the eBPF object", -Marshal.GetLastPInvokeError()));
        }

        var ringBytes = (uint)bufferMegabytes << 20;
        Check(LibBpf.MapSetMaxEntries(Map("events"), ringBytes), "setting the ring buffer's size");
        var loaded = LibBpf.ObjectLoad(_object);
        if (loaded < 0)
        {
            throw new SyscallBenchException(LibBpf.Error(
                "the kernel refused the eBPF program (it needs root, Linux 5.8 or later and kernel BTF at /sys/kernel/btf/vmlinux; libbpf's messages above say more)", loaded));
        }

        var settings = new Settings
        {
            AllCgroups = filter.AllCgroups ? 1u : 0u,
            RecorderTgid = (uint)filter.RecorderPid,
            WakeupBytes = ringBytes / 8,
        };
        var zero = 0u;
        Check(LibBpf.MapUpdate(LibBpf.MapFd(Map("config")), &zero, &settings, 0), "writing the settings map");
        var selected = (byte)1;
        foreach (var id in filter.CgroupIds ?? [])
        {
            var key = id;
            Check(LibBpf.MapUpdate(LibBpf.MapFd(Map("cgroups")), &key, &selected, 0), "writing the cgroups map");
        }

        _lostFd = LibBpf.MapFd(Map("lost"));
        _self = GCHandle.Alloc(this);
        _ring = LibBpf.RingBufferNew(LibBpf.MapFd(Map("events")), &OnSample, GCHandle.ToIntPtr(_self), 0);
        if (_ring == 0)
        {
            throw new SyscallBenchException(LibBpf.Error("libbpf could not open the ring buffer", -Marshal.GetLastPInvokeError()));
        }

        foreach (var program in new[] { "on_exit", "on_enter" })
        {
            var handle = LibBpf.FindProgram(_object, program);
            var link = handle == 0 ? 0 : LibBpf.ProgramAttach(handle);
            if (link == 0)
            {
                throw new SyscallBenchException(LibBpf.Error($"attaching the eBPF program {program} to its raw tracepoint failed", -Marshal.GetLastPInvokeError()));
            }

            _links.Add(link);
        }
    }

    /// <summary>Attaching is synchronous: once <see cref="Start"/> returned, every call is seen.</summary>
    public void WaitUntilCapturing(TimeSpan timeout, CancellationToken cancellation)
    {
    }

    public CaptureCounts Run(ICaptureSink sink, CancellationToken stop)
    {
        _sink = sink;
        while (!stop.IsCancellationRequested)
        {
            var drainedFrom = WallClock.MonotonicNowNs();
            Drain(LibBpf.RingBufferPoll(_ring, PollMilliseconds));
            Drain(LibBpf.RingBufferConsume(_ring));
            ReportLost();
            sink.Drained(drainedFrom);
        }

        // Detach first, so the final drain empties the buffer for good.
        foreach (var link in _links)
        {
            LibBpf.LinkDestroy(link);
        }

        _links.Clear();
        Drain(LibBpf.RingBufferConsume(_ring));
        ReportLost();
        return new CaptureCounts(_events, _lostReported, 0, []);
    }

    public void Dispose()
    {
        foreach (var link in _links)
        {
            LibBpf.LinkDestroy(link);
        }

        _links.Clear();
        if (_ring != 0)
        {
            LibBpf.RingBufferFree(_ring);
            _ring = 0;
        }

        if (_object != 0)
        {
            LibBpf.ObjectClose(_object);
            _object = 0;
        }

        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }

    private void Drain(int result)
    {
        if (_sinkError is { } error)
        {
            throw new InvalidOperationException("Writing a captured event failed.", error);
        }

        const int interrupted = -4; // EINTR: a signal arrived while waiting; nothing is wrong
        if (result < 0 && result != interrupted)
        {
            throw new SyscallBenchException(LibBpf.Error("reading the ring buffer failed", result));
        }
    }

    private void ReportLost()
    {
        var cpus = LibBpf.PossibleCpus();
        var perCpu = stackalloc ulong[Math.Max(1, cpus)];
        var zero = 0u;
        if (LibBpf.MapLookup(_lostFd, &zero, perCpu) != 0)
        {
            return;
        }

        long total = 0;
        for (var cpu = 0; cpu < cpus; cpu++)
        {
            total += (long)perCpu[cpu];
        }

        if (total > _lostReported)
        {
            _sink!.Lost(total - _lostReported);
            _lostReported = total;
        }
    }

    private string NameOf(ulong low, ulong high)
    {
        if (_names.TryGetValue((low, high), out var name))
        {
            return name;
        }

        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, low);
        BitConverter.TryWriteBytes(bytes[8..], high);
        var end = bytes.IndexOf((byte)0);
        name = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
        if (_names.Count < 4096)
        {
            _names[(low, high)] = name;
        }

        return name;
    }

    [UnmanagedCallersOnly]
    private static int OnSample(nint context, nint data, nuint size)
    {
        var engine = (RingBufferEngine)GCHandle.FromIntPtr(context).Target!;
        try
        {
            if (size < (nuint)sizeof(RawEvent))
            {
                throw new InvalidDataException($"a ring buffer record of {size} bytes, shorter than an event ({sizeof(RawEvent)}).");
            }

            var raw = (RawEvent*)data;
            engine._events++;
            engine._sink!.Event(new SyscallEvent((long)raw->MonotonicNs, raw->CgroupId, unchecked((int)raw->Uid), (int)raw->Pid, (int)raw->Tid,
                engine.NameOf(raw->CommLow, raw->CommHigh), raw->Syscall, raw->Exit == 0 ? SyscallDirection.Enter : SyscallDirection.Exit, raw->ReturnValue));
            return 0;
        }
        catch (Exception e)
        {
            // Exceptions cannot cross into libbpf: keep it, stop this drain (a negative return), rethrow in Drain.
            engine._sinkError ??= e;
            return -1;
        }
    }

    private nint Map(string name)
    {
        var map = LibBpf.FindMap(_object, name);
        return map != 0 ? map : throw new InvalidOperationException($"The eBPF object has no map '{name}'.");
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new SyscallBenchException(LibBpf.Error(what, result));
        }
    }
}
