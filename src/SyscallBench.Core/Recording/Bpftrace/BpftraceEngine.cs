using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SyscallBench.Core.Recording.Linux;

namespace SyscallBench.Core.Recording.Bpftrace;

/// <summary>
/// Captures with bpftrace as a child process running <see cref="BpftraceScript"/>; its standard output is read as
/// it arrives by <see cref="BpftraceOutputParser"/>.
/// </summary>
/// <remarks>
/// Measured cost (README, "Recording"): bpftrace formats every event with printf in user space and wakes its
/// reader for each one, which slows a traced program many times over at high call rates; the ring-buffer engine
/// is the default where it can run. bpftrace runs in its own session (setsid), so a Ctrl-C in the terminal
/// reaches the recorded command but not bpftrace: the recorder stops it (SIGINT) after the command's last calls
/// have been read.
/// </remarks>
public sealed partial class BpftraceEngine(string executable, int bufferMegabytes, bool lineBuffered) : ICaptureEngine
{
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private volatile BpftraceOutputParser? _parser;
    private string? _scriptPath;
    private volatile bool _stopRequested;

    private const int FinalReadMilliseconds = 500;

    public string Name => "bpftrace";

    public string Version { get; private set; } = "";

    /// <summary>bpftrace reads its per-CPU perf buffers one after the other: a second covers the CPUs' skew at the rates it sustains.</summary>
    public long MaxDisorderNs => 1_000_000_000;

    public void Start(CaptureFilter filter, CancellationToken cancellation)
    {
        Version = ReadVersion(executable);
        _scriptPath = Path.Combine(Path.GetTempPath(), $"syscallbench-record-{Environment.ProcessId}-{Guid.NewGuid():N}.bt");
        File.WriteAllText(_scriptPath, BpftraceScript.For(filter));
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            UseShellExecute = false,
        };

        // exec keeps sh's pid, so "$$" is bpftrace's own pid: the script's $1, whose calls are never recorded.
        // setsid (no fork: a child of this process leads no process group) keeps terminal signals away from it.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec setsid \"$0\" -B \"$1\" \"$2\" \"$$\"");
        start.ArgumentList.Add(executable);
        start.ArgumentList.Add(lineBuffered ? "none" : "full");
        start.ArgumentList.Add(_scriptPath);
        start.Environment["BPFTRACE_PERF_RB_PAGES"] = PagesPerCpu(bufferMegabytes).ToString(CultureInfo.InvariantCulture);
        _process = Process.Start(start) ?? throw new SyscallBenchException($"could not start {executable}.");
        _process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    /// <summary>
    /// Calls the marker (getpriority on a pid that cannot exist) until the script has printed both markers, so every
    /// probe is attached; <see cref="Run"/> must already be reading the output on another thread.
    /// </summary>
    public void WaitUntilCapturing(TimeSpan timeout, CancellationToken cancellation)
    {
        var deadline = Stopwatch.StartNew();
        while (_parser is not { Capturing: true })
        {
            cancellation.ThrowIfCancellationRequested();
            if (_process!.HasExited)
            {
                throw new SyscallBenchException($"bpftrace exited before its probes were attached (exit code {_process.ExitCode}): {Stderr()}");
            }

            if (deadline.Elapsed > timeout)
            {
                throw new SyscallBenchException($"bpftrace attached no probes within {timeout.TotalSeconds:0} s: {Stderr()}");
            }

            GetPriority(0, BpftraceScript.MarkerWho);
            Thread.Sleep(20);
        }
    }

    public CaptureCounts Run(ICaptureSink sink, CancellationToken stop)
    {
        var process = _process ?? throw new InvalidOperationException("Start the engine first.");
        var parser = new BpftraceOutputParser(sink);
        _parser = parser;
        using var stopping = stop.Register(() =>
        {
            // bpftrace reads its perf buffers continuously but may not read them again once it has a SIGINT:
            // half a second lets it take in the last calls first.
            _stopRequested = true;
            Task.Delay(FinalReadMilliseconds).ContinueWith(_ => LinuxNative.Signal(process.Id, LinuxNative.SigInt), TaskScheduler.Default);
        });
        var buffer = new char[64 * 1024];
        while (true)
        {
            var reading = process.StandardOutput.ReadAsync(buffer, 0, buffer.Length);
            while (!reading.Wait(100))
            {
                if (lineBuffered)
                {
                    // Unbuffered output arrives within milliseconds of the call; a second covers bpftrace reading
                    // its per-CPU buffers one after the other. Full buffering gives no such bound: nothing is released early.
                    sink.Drained(WallClock.MonotonicNowNs() - 1_000_000_000L);
                }
            }

            if (reading.Result == 0)
            {
                break;
            }

            parser.Feed(buffer.AsSpan(0, reading.Result));
        }

        parser.Complete();
        process.WaitForExit();
        if (!_stopRequested || (process.ExitCode != 0 && parser.Events == 0))
        {
            throw new SyscallBenchException($"bpftrace stopped unexpectedly (exit code {process.ExitCode}): {Stderr()}");
        }

        var examples = parser.MalformedExamples.ToList();
        if (parser.CutLines > 0)
        {
            examples.Add("bpftrace's output ended in the middle of a line (not read)");
        }

        return new CaptureCounts(parser.Events, parser.Lost, parser.MalformedLines + parser.CutLines, examples);
    }

    public void Dispose()
    {
        if (_process is { HasExited: false } process)
        {
            LinuxNative.Signal(process.Id, LinuxNative.SigKill);
            process.WaitForExit();
        }

        _process?.Dispose();
        if (_scriptPath is not null && File.Exists(_scriptPath))
        {
            File.Delete(_scriptPath);
        }
    }

    /// <summary>bpftrace's perf buffers are per CPU and a power of two pages long: the share of the buffer size per CPU, rounded down.</summary>
    internal static int PagesPerCpu(int bufferMegabytes)
    {
        var pages = Math.Max(1L, (long)bufferMegabytes * 256 / Environment.ProcessorCount);
        return (int)Math.Min(1L << 20, 1L << (63 - (int)long.LeadingZeroCount(pages)));
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            var text = _stderr.ToString().Trim();
            return text.Length == 0 ? "(nothing on standard error)" : text;
        }
    }

    private static string ReadVersion(string executable)
    {
        var (exitCode, output) = ExternalProgram.Run(executable, ["--version"], TimeSpan.FromSeconds(30));
        return exitCode == 0 ? output.Trim() : throw new SyscallBenchException($"{executable} --version failed (exit code {exitCode}): {output.Trim()}");
    }

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);
}
