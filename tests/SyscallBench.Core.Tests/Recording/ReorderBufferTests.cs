using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SyscallBench.Core.Recording;

namespace SyscallBench.Core.Tests.Recording;

/// <summary>Per-CPU streams put back into time order, and disorder beyond the lag counted, never hidden.</summary>
public sealed class ReorderBufferTests
{
    private static SyscallEvent At(long ns, int tid = 1) => new(ns, 1, 0, 1, tid, "t", 0, SyscallDirection.Enter, 0);

    [Property(MaxTest = 300)]
    public Property GivenEventsShuffledWithinTheLag_WhenPassedThrough_ThenTheyComeOutSortedAndNoneIsLate()
    {
        // Each event arrives up to `lag` ns after a later one: what per-CPU buffers read one after another do.
        var cases = from count in Gen.Choose(0, 200)
                    from gaps in Gen.ArrayOf(Gen.Choose(0, 1000), count)
                    from delays in Gen.ArrayOf(Gen.Choose(0, 5000), count)
                    select (gaps, delays);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            const long lag = 5000;
            var times = new long[c.gaps.Length];
            for (var i = 0; i < times.Length; i++)
            {
                times[i] = (i == 0 ? 0 : times[i - 1]) + c.gaps[i];
            }

            var arrivals = times.Select((t, i) => (t, arrival: t + c.delays[i])).OrderBy(x => x.arrival).Select(x => x.t).ToList();
            var released = new List<long>();
            var buffer = new ReorderBuffer(lag, e => released.Add(e.MonotonicNs));

            foreach (var t in arrivals)
            {
                buffer.Add(At(t));
            }

            buffer.Flush();
            return released.SequenceEqual(times.Order()) && buffer.LateEvents == 0;
        });
    }

    [Fact]
    public void GivenAnEventOlderThanOneAlreadyReleased_WhenAdded_ThenItIsPassedOnAtOnceAndCountedLate()
    {
        var released = new List<long>();
        var buffer = new ReorderBuffer(10, e => released.Add(e.MonotonicNs));

        buffer.Add(At(100));
        buffer.Add(At(200)); // releases 100
        buffer.Add(At(50)); // older than 100, which is out already

        buffer.Flush();
        Assert.Equal([100L, 50, 200], released);
        Assert.Equal(1, buffer.LateEvents);
    }

    [Fact]
    public void GivenEqualTimes_WhenReleased_ThenTheyKeepTheirArrivalOrder()
    {
        var released = new List<int>();
        var buffer = new ReorderBuffer(10, e => released.Add(e.Tid));

        buffer.Add(At(5, tid: 1));
        buffer.Add(At(5, tid: 2));
        buffer.Add(At(5, tid: 3));
        buffer.Flush();

        Assert.Equal([1, 2, 3], released);
    }

    [Fact]
    public void GivenTheEngineCaughtUp_WhenReleasedUpToItsTime_ThenOnlyOlderEventsLeave()
    {
        var released = new List<long>();
        var buffer = new ReorderBuffer(1_000_000, e => released.Add(e.MonotonicNs));
        buffer.Add(At(10));
        buffer.Add(At(20));
        buffer.Add(At(30));

        buffer.ReleaseUpTo(20);

        Assert.Equal([10L, 20], released);
        Assert.Equal(1, buffer.Pending);
    }
}
