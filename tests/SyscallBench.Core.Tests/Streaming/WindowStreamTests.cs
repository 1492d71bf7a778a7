using SyscallBench.Core.Streaming;

namespace SyscallBench.Core.Tests.Streaming;

public sealed class WindowStreamTests
{
    private static List<StreamItem> Run(WindowStream stream, IEnumerable<ProcessEvent> events, bool finish = true)
    {
        var output = new List<StreamItem>();
        foreach (var e in events)
        {
            stream.Push(e, output);
        }

        if (finish)
        {
            stream.Finish(output);
        }

        return output;
    }

    private static IEnumerable<ProcessEvent> Calls(string process, params int[] calls) =>
        calls.Select(c => ProcessEvent.Call(process, null, c));

    [Fact]
    public void GivenAPidReusedAfterItsExit_WhenStreamed_ThenItsSecondLifeHasItsOwnNameAndWindowNumbers()
    {
        // Given windows of 2 calls; process "p" exits, then a new process with the same pid calls
        var stream = new WindowStream(new WindowSpec(2, null, ContextCalls: 0));

        // When
        var output = Run(stream, [.. Calls("p", 1, 2, 3), ProcessEvent.Exit("p", null), .. Calls("p", 4, 5), ProcessEvent.Exit("p", null)]);

        // Then the second life is "p.2" (the trace folder's name of a reused pid), numbered from 0, with its own end
        var windows = output.OfType<CallWindow>().ToArray();
        Assert.Equal([("p", 0L), ("p", 1L), ("p.2", 0L)], windows.Select(w => (w.Process, w.Index)));
        Assert.Equal(["p", "p.2"], output.OfType<ProcessEnd>().Select(e => e.Process));
        Assert.Equal("pid7.2", new SyscallBench.Core.Traces.Strace.StraceTrace("f", 7, 2, []).Key);
    }

    [Fact]
    public void GivenAnEvictedProcessThatCallsAgain_WhenStreamed_ThenItContinuesAsANewLifeNotUnderItsOldName()
    {
        // Given one process followed at a time
        var stream = new WindowStream(new WindowSpec(2, null, ContextCalls: 0), maxProcesses: 1);

        // When "a" calls, "b" evicts it, then "a" calls again and evicts "b"
        var output = Run(stream, [.. Calls("a", 1, 2, 3), .. Calls("b", 4), .. Calls("a", 5, 6)]);

        // Then no (process, window index) pair repeats and each life has one end
        var windows = output.OfType<CallWindow>().Select(w => (w.Process, w.Index)).ToArray();
        Assert.Equal(windows.Distinct().Count(), windows.Length);
        Assert.Equal([("a", ProcessEndReason.Evicted), ("b", ProcessEndReason.Evicted), ("a.2", ProcessEndReason.EndOfInput)],
            output.OfType<ProcessEnd>().Select(e => (e.Process, e.Reason)));
    }

    [Fact]
    public void GivenCallWindows_WhenAProcessRunsAndExits_ThenWindowsOfNCallsWithTheirContextAndAShortLastWindow()
    {
        // Given windows of 3 calls with 2 calls of context
        var stream = new WindowStream(new WindowSpec(3, null, ContextCalls: 2));

        // When one process makes 8 calls and exits
        var output = Run(stream, [.. Calls("p", 1, 2, 3, 4, 5, 6, 7, 8), ProcessEvent.Exit("p", null)], finish: false);

        // Then 3 windows (the last one shorter, marked last), each with the calls before it, then the end
        var windows = output.OfType<CallWindow>().ToArray();
        Assert.Equal([[1, 2, 3], [4, 5, 6], [7, 8]], windows.Select(w => w.Calls));
        Assert.Equal([[], [2, 3], [5, 6]], windows.Select(w => w.Context));
        Assert.Equal([0L, 3L, 6L], windows.Select(w => w.FirstCall));
        Assert.Equal([false, false, true], windows.Select(w => w.IsLast));
        var end = Assert.IsType<ProcessEnd>(output[^1]);
        Assert.Equal((8L, 3L, ProcessEndReason.Exited), (end.Calls, end.Windows, end.Reason));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], end.Trace!);

        // And the exit dropped the process's state
        Assert.Equal(0, stream.OpenProcesses);
        Assert.Equal(0, stream.HeldCalls);
    }

    [Fact]
    public void GivenInterleavedProcesses_WhenWindowed_ThenEachProcessHasItsOwnWindowsAndContext()
    {
        var stream = new WindowStream(new WindowSpec(2, null, ContextCalls: 1));
        var output = Run(stream, [
            ProcessEvent.Call("a", null, 1), ProcessEvent.Call("b", null, 10), ProcessEvent.Call("a", null, 2),
            ProcessEvent.Call("b", null, 20), ProcessEvent.Call("a", null, 3), ProcessEvent.Call("a", null, 4)]);

        var windows = output.OfType<CallWindow>().ToArray();
        Assert.Equal([("a", new[] { 1, 2 }), ("b", [10, 20]), ("a", [3, 4])], windows.Select(w => (w.Process, w.Calls)));
        Assert.Equal([2], windows[2].Context);
        Assert.Equal(["a", "b"], output.OfType<ProcessEnd>().Select(e => e.Process));
        Assert.All(output.OfType<ProcessEnd>(), e => Assert.Equal(ProcessEndReason.EndOfInput, e.Reason));
    }

    [Fact]
    public void GivenTimeWindows_WhenCallsSpanSeveralPeriods_ThenAWindowHoldsTheCallsBeforeStartPlusT()
    {
        // Given windows of 1 second
        var stream = new WindowStream(new WindowSpec(null, 1.0, ContextCalls: 0));

        // When calls come at 0, 0.5, 0.99, 1.0, 5 and 5.2 seconds
        var times = new[] { 0.0, 0.5, 0.99, 1.0, 5.0, 5.2 };
        var output = Run(stream, times.Select((t, i) => ProcessEvent.Call("p", 100 + t, i)));

        // Then [0, 1), [1, 2) and [5, 6): an idle process has no empty windows
        var windows = output.OfType<CallWindow>().ToArray();
        Assert.Equal([[0, 1, 2], [3], [4, 5]], windows.Select(w => w.Calls));
        Assert.Equal([(100.0, 100.99), (101.0, 101.0), (105.0, 105.2)], windows.Select(w => (w.Start!.Value, w.End!.Value)));
    }

    [Fact]
    public void GivenTimeWindows_WhenACallHasNoTime_ThenAClearError()
    {
        var stream = new WindowStream(new WindowSpec(null, 1.0));
        var error = Assert.Throws<SyscallBenchException>(() => Run(stream, Calls("pid7", 1)));
        Assert.Contains("pid7", error.Message, StringComparison.Ordinal);
        Assert.Contains("--window-seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GivenTimeWindows_WhenAWindowReachesMaxCalls_ThenItIsClosedEarly()
    {
        var stream = new WindowStream(new WindowSpec(null, 10.0, ContextCalls: 0, MaxCalls: 4));
        var output = Run(stream, Enumerable.Range(0, 10).Select(i => ProcessEvent.Call("p", i * 0.01, i)));
        Assert.Equal([4, 4, 2], output.OfType<CallWindow>().Select(w => w.Calls.Length));
    }

    [Fact]
    public void GivenMoreProcessesThanTheCap_WhenANewOneStarts_ThenTheLeastRecentlyActiveIsEvictedWithItsLastWindow()
    {
        var stream = new WindowStream(new WindowSpec(10, null), maxProcesses: 2);
        var output = Run(stream, [
            ProcessEvent.Call("a", null, 1), ProcessEvent.Call("b", null, 2), ProcessEvent.Call("a", null, 3),
            ProcessEvent.Call("c", null, 4)], finish: false);

        // b was idle longest: it ends (evicted) with its partial window; a and c stay open
        Assert.Equal(2, stream.OpenProcesses);
        var window = Assert.IsType<CallWindow>(output[0]);
        Assert.Equal(("b", true), (window.Process, window.IsLast));
        var end = Assert.IsType<ProcessEnd>(output[1]);
        Assert.Equal(("b", ProcessEndReason.Evicted), (end.Process, end.Reason));
    }

    [Fact]
    public void GivenAnEndlessStreamOfProcesses_WhenFed_ThenHeldStateStaysWithinTheBound()
    {
        // Given caps: 8 processes, windows of 50 calls, 5 calls of context, traces of at most 200 calls
        var spec = new WindowSpec(50, null, ContextCalls: 5);
        var stream = new WindowStream(spec, maxProcesses: 8, maxTraceCalls: 200);
        var output = new List<StreamItem>();
        long bound = 8 * (50 + 5 + 200);
        long largest = 0;

        // When 300,000 calls arrive from 1,000 processes that never exit (round robin over 64 at a time)
        for (var i = 0; i < 300_000; i++)
        {
            stream.Push(ProcessEvent.Call($"p{(i / 4_800 * 64) + (i % 64)}", null, i % 7), output);
            output.Clear();
            if (i % 997 == 0)
            {
                largest = Math.Max(largest, stream.HeldCalls);
            }
        }

        // Then never more than 8 processes and the call bound are held
        Assert.True(stream.OpenProcesses <= 8);
        Assert.InRange(largest, 1, bound);
    }

    [Fact]
    public void GivenAProcessLongerThanMaxTraceCalls_WhenItEnds_ThenItHasNoWholeTrace()
    {
        var stream = new WindowStream(new WindowSpec(4, null), maxTraceCalls: 5);
        var output = Run(stream, [.. Calls("long", 1, 2, 3, 4, 5, 6), .. Calls("short", 1, 2, 3, 4, 5)]);
        var ends = output.OfType<ProcessEnd>().ToDictionary(e => e.Process);
        Assert.Null(ends["long"].Trace);
        Assert.Equal(6, ends["long"].Calls);
        Assert.Equal([1, 2, 3, 4, 5], ends["short"].Trace!);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(10, 1.0)]
    [InlineData(0, null)]
    [InlineData(null, -1.0)]
    public void GivenAnInvalidSpec_ThenItIsRejected(int? calls, double? seconds)
    {
        Assert.NotEmpty(new WindowSpec(calls, seconds).Validate());
        Assert.Throws<ArgumentException>(() => new WindowStream(new WindowSpec(calls, seconds)));
    }
}
