using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Streaming;

/// <summary>
/// Cuts a stream of <see cref="ProcessEvent"/>s into per-process <see cref="CallWindow"/>s (see
/// <see cref="WindowSpec"/>), in bounded memory: the one windowing both calibration and scoring use.
/// </summary>
/// <remarks>
/// Memory per open process: the window being filled (at most <see cref="WindowSpec.Capacity"/> calls),
/// its context (at most <see cref="WindowSpec.ContextCalls"/>) and the whole trace up to
/// <see cref="MaxTraceCalls"/> calls, kept only so the process can get a trace score at its end; past
/// that the trace is dropped and only windows are scored. A process's state is dropped at its exit event.
/// At most <see cref="MaxProcesses"/> processes are open at once: a new process beyond that evicts the
/// least recently active one (its last window and its end are emitted as if it had ended). So memory is
/// bounded by MaxProcesses x (Capacity + ContextCalls + MaxTraceCalls) calls, whatever the input's length.
/// <para>A process seen again after it ended (a pid reused after an exit, or a process evicted and then
/// active again) starts a new life under another name (<see cref="ProcessLives.Name"/>: "pid1234.2"), so
/// window indexes and trace records never repeat a name. For that the stream keeps one counter per
/// process name until <see cref="Finish"/>: at most one per pid on a live strace stream.</para>
/// </remarks>
public sealed class WindowStream
{
    public const int DefaultMaxProcesses = 1024;
    public const int DefaultMaxTraceCalls = 100_000;

    private readonly WindowSpec _spec;
    private readonly Dictionary<string, ProcessState> _open = new(StringComparer.Ordinal);
    private readonly LinkedList<ProcessState> _byActivity = []; // least recently active first: O(1) eviction
    private readonly Dictionary<string, int> _lives = new(StringComparer.Ordinal); // lives started per process name
    private long _sequence;

    public WindowStream(WindowSpec spec, int maxProcesses = DefaultMaxProcesses, int maxTraceCalls = DefaultMaxTraceCalls)
    {
        if (spec.Validate().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(spec));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxProcesses, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxTraceCalls);
        _spec = spec;
        MaxProcesses = maxProcesses;
        MaxTraceCalls = maxTraceCalls;
    }

    public int MaxProcesses { get; }

    public int MaxTraceCalls { get; }

    /// <summary>Processes whose state is held now.</summary>
    public int OpenProcesses => _open.Count;

    /// <summary>Calls held now over all open processes (windows, contexts, kept traces): what the memory bound is about.</summary>
    public long HeldCalls => _open.Values.Sum(p => (long)p.Window.Count + p.Context.Length + (p.Trace?.Count ?? 0));

    /// <summary>Feeds one event; closed windows and ended processes are appended to <paramref name="output"/>, in order.</summary>
    /// <exception cref="SyscallBenchException">Time windows and a call without a time.</exception>
    public void Push(ProcessEvent e, List<StreamItem> output)
    {
        if (e.Kind == ProcessEventKind.Exit)
        {
            if (_open.Remove(e.Process, out var ending))
            {
                _byActivity.Remove(ending.ActivityNode);
                End(ending, ProcessEndReason.Exited, output);
            }

            return;
        }

        if (_spec.IsTimed && e.Time is null)
        {
            throw new SyscallBenchException($"process {e.Process}: a call without a time, but --window-seconds needs timed input (strace -tt or -ttt).");
        }

        if (!_open.TryGetValue(e.Process, out var state))
        {
            if (_open.Count >= MaxProcesses)
            {
                var idle = _byActivity.First!.Value;
                _byActivity.RemoveFirst();
                _open.Remove(idle.Key);
                End(idle, ProcessEndReason.Evicted, output);
            }

            var life = _lives[e.Process] = _lives.GetValueOrDefault(e.Process) + 1;
            state = new ProcessState(e.Process, ProcessLives.Name(e.Process, life), MaxTraceCalls) { FirstSeen = ++_sequence };
            _byActivity.AddLast(state.ActivityNode);
            _open.Add(e.Process, state);
        }
        else
        {
            _byActivity.Remove(state.ActivityNode);
            _byActivity.AddLast(state.ActivityNode);
        }

        if (_spec.IsTimed && state.Window.Count > 0
            && (e.Time >= state.WindowStart + _spec.Seconds!.Value || e.Time < state.WindowStart))
        {
            // Past the window's end (or a clock that went back, e.g. strace -tt at midnight): a new window.
            output.Add(Close(state, isLast: false));
        }

        if (state.Window.Count == 0)
        {
            state.WindowStart = e.Time;
        }

        state.Window.Add(e.Syscall);
        state.WindowEnd = e.Time;
        state.Calls++;
        if (state.Trace is { } trace)
        {
            if (trace.Count < MaxTraceCalls)
            {
                trace.Add(e.Syscall);
            }
            else
            {
                state.Trace = null; // too long for a trace score: stop holding it
            }
        }

        if (state.Window.Count >= _spec.Capacity)
        {
            output.Add(Close(state, isLast: false));
        }
    }

    /// <summary>The input ended: every open process ends, in order of first appearance.</summary>
    public void Finish(List<StreamItem> output)
    {
        foreach (var state in _open.Values.OrderBy(p => p.FirstSeen).ToArray())
        {
            End(state, ProcessEndReason.EndOfInput, output);
        }

        _open.Clear();
        _byActivity.Clear();
        _lives.Clear(); // the next input's names are its own
    }

    private void End(ProcessState state, ProcessEndReason reason, List<StreamItem> output)
    {
        if (state.Window.Count > 0)
        {
            output.Add(Close(state, isLast: true));
        }

        output.Add(new ProcessEnd(state.Process, state.Calls, state.WindowsClosed, state.Trace?.ToArray(), reason));
    }

    private CallWindow Close(ProcessState state, bool isLast)
    {
        var calls = state.Window.ToArray();
        var window = new CallWindow(state.Process, state.WindowsClosed, state.Calls - calls.Length,
            state.WindowStart, state.WindowEnd, state.Context, calls, isLast);
        var joined = window.ContextAndCalls();
        state.Context = joined[Math.Max(0, joined.Length - _spec.ContextCalls)..];
        state.Window.Clear();
        state.WindowsClosed++;
        return window;
    }

    private sealed class ProcessState
    {
        public ProcessState(string key, string process, int maxTraceCalls)
        {
            Key = key;
            Process = process;
            ActivityNode = new LinkedListNode<ProcessState>(this);
            Trace = maxTraceCalls > 0 ? [] : null;
        }

        /// <summary>The name in the input's events.</summary>
        public string Key { get; }

        /// <summary>The name of this life of it, in windows and ends.</summary>
        public string Process { get; }

        public required long FirstSeen { get; init; }

        public LinkedListNode<ProcessState> ActivityNode { get; }

        public List<int> Window { get; } = [];

        public int[] Context { get; set; } = [];

        public double? WindowStart { get; set; }

        public double? WindowEnd { get; set; }

        public long Calls { get; set; }

        public long WindowsClosed { get; set; }

        public List<int>? Trace { get; set; }
    }
}
