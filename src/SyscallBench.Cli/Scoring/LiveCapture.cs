using System.IO.Pipes;
using System.Runtime.ExceptionServices;
using System.Text;
using SyscallBench.Core.Recording;

namespace SyscallBench.Cli.Scoring;

/// <summary>
/// `score --cgroup PATH` / `--container X`: the recorder of `record -` running in the scoring process, on its own thread,
/// writing .sc lines into a pipe that scoring reads as it would read `record - ... | score -`: one command, one process.
/// </summary>
/// <remarks>
/// An OS pipe rather than an in-memory queue, so the recorder sees the back-pressure it sees on standard output (a slow
/// scorer makes its writes wait; the kernel ring buffer absorbs, and lost events are reported, never hidden).
/// </remarks>
internal sealed class LiveCapture : IDisposable
{
    private readonly AnonymousPipeServerStream _writeEnd = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _readEnd;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop;
    private ExceptionDispatchInfo? _failure;

    private LiveCapture(RecordingRequest request, IRecordingLog log, CancellationToken cancellation)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation); // Ctrl-C, or scoring stopped early
        _readEnd = new AnonymousPipeClientStream(PipeDirection.In, _writeEnd.ClientSafePipeHandle);
        _thread = new Thread(() =>
        {
            try
            {
                using var writer = new StreamWriter(_writeEnd, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                Result = Recorder.Record(request with { Output = RecordingRequest.StandardOutput, StandardOutputWriter = writer }, log, _stop.Token);
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                _writeEnd.Dispose(); // the end of the lines: scoring reads to the end and finishes
            }
        })
        { IsBackground = true, Name = "live capture" };
    }

    /// <summary>The .sc lines, as they are recorded.</summary>
    public Stream Lines => _readEnd;

    /// <summary>What the recorder reports once it has stopped.</summary>
    public RecordingResult? Result { get; private set; }

    public static LiveCapture Start(RecordingRequest request, IRecordingLog log, CancellationToken cancellation)
    {
        var capture = new LiveCapture(request, log, cancellation);
        capture._thread.Start();
        return capture;
    }

    /// <summary>Waits for the recorder to stop (the lines were read to their end, or scoring stopped) and rethrows what made it fail.</summary>
    public RecordingResult? Wait()
    {
        _thread.Join();
        _failure?.Throw();
        return Result;
    }

    public void Dispose()
    {
        _stop.Cancel(); // a recorder still running stops (a quiet cgroup may never write again)
        _readEnd.Dispose(); // and one blocked on a full pipe gets a broken pipe
        _thread.Join();
        _writeEnd.Dispose();
        _stop.Dispose();
    }
}
