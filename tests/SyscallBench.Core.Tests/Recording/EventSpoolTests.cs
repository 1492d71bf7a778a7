using SyscallBench.Core.Recording;
using SyscallBench.Core.Tests.Datasets;
using SyscallBench.TestSupport;

namespace SyscallBench.Core.Tests.Recording;

public sealed class EventSpoolTests
{
    [Fact]
    public void GivenSpooledEventsAndLostCounts_WhenReplayed_ThenEverythingComesBackInArrivalOrderWithTheLostCountsInPlace()
    {
        using var folder = new TempDirectory();
        var warned = new List<string>();
        using var spool = new EventSpool(folder.Path, new LostEventWarnings(new ListLog(warned)));
        var events = Enumerable.Range(0, 50_000) // more than the 1 MiB write buffer holds
            .Select(i => new SyscallEvent(1_000 + i, (ulong)(i % 3), i % 2, 100 + (i % 7), 200 + (i % 11), i % 5 == 0 ? "nginx" : "sh",
                i % 300, i % 2 == 0 ? SyscallDirection.Enter : SyscallDirection.Exit, i % 2 == 0 ? 0 : -i))
            .ToList();
        for (var i = 0; i < events.Count; i++)
        {
            if (i == 10)
            {
                spool.Lost(3);
            }

            spool.Event(events[i]);
        }

        spool.Lost(4);
        var replayed = new CollectingSink();
        var order = new List<string>();

        spool.Replay(new OrderRecorder(replayed, order));

        Assert.Equal(events, replayed.Events);
        Assert.Equal([3L, 4], replayed.LostCounts);
        Assert.Equal(["lost 3 after 10", "lost 4 after 50000"], order);
        Assert.Single(warned); // warned once while capturing (at most once a second), never again at the replay
        Assert.Equal(50_000, spool.Events);
    }

    [Fact]
    public void GivenASpool_WhenDisposed_ThenItsFileIsGone()
    {
        using var folder = new TempDirectory();
        var spool = new EventSpool(folder.Path, new LostEventWarnings(new ListLog([])));
        spool.Event(new SyscallEvent(1, 1, 0, 1, 1, "a", 0, SyscallDirection.Enter, 0));

        spool.Dispose();

        Assert.Empty(Directory.EnumerateFileSystemEntries(folder.Path));
    }

    private sealed class ListLog(List<string> messages) : IRecordingLog
    {
        public void Note(string message) => messages.Add(message);

        public void Warning(string message) => messages.Add(message);
    }

    private sealed class OrderRecorder(CollectingSink inner, List<string> order) : ICaptureSink
    {
        public void Event(in SyscallEvent e) => inner.Event(e);

        public void Lost(long count)
        {
            order.Add($"lost {count} after {inner.Events.Count}");
            inner.Lost(count);
        }

        public void Drained(long monotonicNs) => inner.Drained(monotonicNs);
    }
}
