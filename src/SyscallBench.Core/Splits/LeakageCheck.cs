using SyscallBench.Core.Traces;

namespace SyscallBench.Core.Splits;

/// <summary>A test trace whose calls are identical to a training trace's.</summary>
public sealed record LeakedTrace(string TestId, string Label, string TrainId);

/// <summary>
/// Finds test traces whose call sequences also occur, identical, in the training set. Such a trace is
/// scored on data the detector was fitted on, which flatters normals (and would flatter an attack). Ids
/// differ, so the comparison is on content only.
/// </summary>
public static class LeakageCheck
{
    public static IReadOnlyList<LeakedTrace> Find(IReadOnlyList<Trace> train, IReadOnlyList<Trace> test)
    {
        var trainByCalls = new Dictionary<int[], string>(CallsComparer.Instance);
        foreach (var trace in train)
        {
            trainByCalls.TryAdd(trace.Calls, trace.Id);
        }

        return test
            .Where(t => trainByCalls.ContainsKey(t.Calls))
            .Select(t => new LeakedTrace(t.Id, t.Label.ToString().ToLowerInvariant(), trainByCalls[t.Calls]))
            .ToArray();
    }
}
